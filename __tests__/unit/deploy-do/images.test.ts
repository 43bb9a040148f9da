import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../../lib/inputs.js';
import {
  applyImageEnv,
  assignImage,
  parseImageReference,
  parseImagesInput,
  registryFields,
} from '../../../actions/deploy-do/src/images.js';
import { parseSpec, type AppSpec } from '../../../actions/deploy-do/src/spec.js';
import { DIGEST, DIGEST2 } from './fakes.js';

const spec = (): AppSpec =>
  parseSpec(`
name: shop
services:
  - name: web
    image: { registry_type: GHCR, registry: acme, repository: web, tag: old, registry_credentials: "bot:tok" }
  - name: api-v2
    image: { registry_type: DOCR, repository: api, tag: v1, deploy_on_push: { enabled: true } }
workers:
  - name: builder
    github: { repo: acme/shop, branch: main }
`);

function inputError(fn: () => unknown): InputError | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  return undefined;
}

describe('parseImageReference', () => {
  it('splits host, path, tag and digest', () => {
    expect(parseImageReference(`ghcr.io/acme/web:1.2@${DIGEST}`)).toEqual({
      host: 'ghcr.io',
      path: 'acme/web',
      tag: '1.2',
      digest: DIGEST,
    });
    expect(parseImageReference('nginx:1.27')).toEqual({ host: 'docker.io', path: 'nginx', tag: '1.27' });
    expect(parseImageReference('localhost:5000/app:dev')?.host).toBe('localhost:5000');
  });

  it.each([
    'ghcr.io/Acme/web:1',
    'ghcr.io/acme/web:bad tag',
    `ghcr.io/acme/web@sha256:abc`,
    'ghcr.io/acme//web',
  ])('rejects %s', (ref) => expect(parseImageReference(ref)).toBeUndefined());
});

describe('registryFields', () => {
  it('maps GHCR, DOCR and Docker Hub the way App Platform names them', () => {
    expect(registryFields(parseImageReference('ghcr.io/acme/shop/web:1')!)).toEqual({
      registry_type: 'GHCR',
      registry: 'acme',
      repository: 'shop/web',
    });
    expect(registryFields(parseImageReference('registry.digitalocean.com/acme/web:1')!)).toEqual({
      registry_type: 'DOCR',
      repository: 'web',
    });
    expect(registryFields(parseImageReference('acme/web:1')!)).toEqual({
      registry_type: 'DOCKER_HUB',
      registry: 'acme',
      repository: 'web',
    });
    expect(registryFields(parseImageReference('docker.io/nginx:1')!)).toEqual({
      registry_type: 'DOCKER_HUB',
      registry: 'library',
      repository: 'nginx',
    });
    expect(registryFields(parseImageReference('quay.io/acme/web:1')!)).toEqual({});
  });
});

describe('parseImagesInput', () => {
  it('reads component=reference lines', () => {
    expect(parseImagesInput([`web=ghcr.io/acme/web@${DIGEST}`], spec())).toEqual([
      { component: 'web', reference: `ghcr.io/acme/web@${DIGEST}` },
    ]);
  });

  it.each([
    ['ghcr.io/acme/web:1', 'component=registry/repo'],
    ['nope=ghcr.io/acme/web:1', 'a component of the app spec (web, api-v2, builder)'],
    ['web=ghcr.io/acme/web@sha256:1234', 'a digest of the form'],
    ['web=ghcr.io/acme/Web:1', 'an image reference'],
    ['web=ghcr.io/acme/web', 'a `:tag` or an `@sha256:` digest'],
    ['web=quay.io/acme/web:1', 'the registries App Platform can pull from'],
    ['web=quay.io/acme/web:1', 'copy the image to one of them first'],
  ])('refuses %s', (line, expected) => {
    const error = inputError(() => parseImagesInput([line], spec()));
    expect(error?.input).toBe('images');
    expect(error?.message).toContain(expected);
  });
});

describe('assignImage', () => {
  it('pins a digest, clearing the tag, and keeps credentials for the same registry', () => {
    const s = spec();
    assignImage(s, { component: 'web', reference: `ghcr.io/acme/web:2@${DIGEST}` });
    expect((s.services as { image: unknown }[])[0].image).toEqual({
      registry_type: 'GHCR',
      registry: 'acme',
      repository: 'web',
      digest: DIGEST,
      registry_credentials: 'bot:tok',
    });
  });

  it('drops credentials when the registry changes, and deploy_on_push for a digest', () => {
    const s = spec();
    assignImage(s, { component: 'web', reference: 'docker.io/other/web:3' });
    expect((s.services as { image: unknown }[])[0].image).toEqual({
      registry_type: 'DOCKER_HUB',
      registry: 'other',
      repository: 'web',
      tag: '3',
    });
    assignImage(s, { component: 'api-v2', reference: `registry.digitalocean.com/acme/api@${DIGEST}` });
    expect((s.services as { image: unknown }[])[1].image).toEqual({
      registry_type: 'DOCR',
      repository: 'api',
      digest: DIGEST,
    });
  });

  it('refuses a component built from source', () => {
    const error = inputError(() =>
      assignImage(spec(), { component: 'builder', reference: 'ghcr.io/acme/b:1' }),
    );
    expect(error?.message).toContain('builds it from github');
  });
});

describe('applyImageEnv', () => {
  it('honours IMAGE_DIGEST_<COMPONENT> over IMAGE_TAG_<COMPONENT>', () => {
    const s = spec();
    const applied = applyImageEnv(s, {
      IMAGE_TAG_WEB: 'v9',
      IMAGE_DIGEST_WEB: DIGEST2,
      IMAGE_TAG_API_V2: 'v2',
    });
    expect(applied).toEqual([
      { component: 'web', variable: 'IMAGE_DIGEST_WEB' },
      { component: 'api-v2', variable: 'IMAGE_TAG_API_V2' },
    ]);
    const [web, api] = s.services as { image: Record<string, unknown> }[];
    expect(web.image.digest).toBe(DIGEST2);
    expect(web.image.tag).toBeUndefined();
    expect(api.image.tag).toBe('v2');
  });

  it('refuses a malformed digest naming the variable', () => {
    expect(inputError(() => applyImageEnv(spec(), { IMAGE_DIGEST_WEB: 'sha256:xyz' }))?.input).toBe(
      'IMAGE_DIGEST_WEB',
    );
  });
});
