import { describe, expect, it } from '@jest/globals';
import { describeImage, envFromConfig, repositoryOf } from '../../../local/pipeline/app-runtime.js';

const digest = `sha256:${'c'.repeat(64)}`;

describe('image sources of an app spec', () => {
  it('name the image as a registry reference', () => {
    const ghcr = { registry_type: 'GHCR', registry: 'acme', repository: 'shop/web', digest };
    expect(repositoryOf(ghcr)).toBe('acme/shop/web');
    expect(describeImage(ghcr)).toBe(`ghcr.io/acme/shop/web@${digest}`);
    expect(describeImage({ registry_type: 'DOCR', repository: 'web', tag: 'v1' })).toBe(
      'registry.digitalocean.com/web:v1',
    );
    expect(describeImage({ registry_type: 'DOCKER_HUB', registry: 'library', repository: 'nginx' })).toBe(
      'docker.io/library/nginx:latest',
    );
  });
});

describe('envFromConfig', () => {
  it('reads KEY=value lines, keeping = signs in values', () => {
    expect(envFromConfig(['APP_VERSION=1.0.0', 'OPTS=a=b', 'EMPTY=', 'junk'])).toEqual({
      APP_VERSION: '1.0.0',
      OPTS: 'a=b',
      EMPTY: '',
    });
    expect(envFromConfig(undefined)).toEqual({});
  });
});
