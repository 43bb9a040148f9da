import { describe, expect, it } from '@jest/globals';
import {
  formatReference,
  isLoopbackRegistry,
  loweredNotice,
  parseReference,
  registryBaseUrl,
  tagProblem,
} from '../../../lib/oci/reference.js';

const digest = `sha256:${'a'.repeat(64)}`;

describe('parseReference', () => {
  it('splits registry, repository, tag and digest', () => {
    expect(parseReference(`ghcr.io/owner/app:v1.2.3@${digest}`)).toEqual({
      registry: 'ghcr.io',
      repository: 'owner/app',
      tag: 'v1.2.3',
      digest,
      lowered: false,
    });
  });

  it('defaults to docker.io and library/ for one-component names', () => {
    expect(parseReference('busybox')).toMatchObject({ registry: 'docker.io', repository: 'library/busybox' });
    expect(parseReference('me/app:1')).toMatchObject({
      registry: 'docker.io',
      repository: 'me/app',
      tag: '1',
    });
  });

  it('treats a port or localhost as a registry, not a tag', () => {
    expect(parseReference('127.0.0.1:5000/app')).toMatchObject({
      registry: '127.0.0.1:5000',
      repository: 'app',
      tag: undefined,
    });
    expect(parseReference('localhost/app:dev')).toMatchObject({ registry: 'localhost', tag: 'dev' });
  });

  it('lowers upper-case repository names and says so', () => {
    const ref = parseReference('ghcr.io/Owner/App');
    expect(ref).toMatchObject({ repository: 'owner/app', lowered: true });
    expect(loweredNotice('ghcr.io/Owner/App', ref)).toContain("lowered to 'ghcr.io/owner/app'");
    expect(loweredNotice('ghcr.io/owner/app', parseReference('ghcr.io/owner/app'))).toBeUndefined();
  });

  it.each([
    ['', 'empty'],
    ['ghcr.io/owner/app!', "'app!' is not a valid name component"],
    ['ghcr.io/owner//app', "'' is not a valid name component"],
    ['ghcr.io/owner/app:bad tag', 'a tag uses only'],
    [`ghcr.io/owner/app@sha256:abc`, 'not a digest'],
    [`ghcr.io/owner/-app`, 'not a valid name component'],
  ])('rejects %p', (text, reason) => {
    expect(() => parseReference(text)).toThrow(reason);
  });

  it('formats back to text', () => {
    expect(formatReference(parseReference(`127.0.0.1:5000/a/b:t@${digest}`))).toBe(
      `127.0.0.1:5000/a/b:t@${digest}`,
    );
  });
});

describe('tagProblem', () => {
  it('accepts valid tags and explains invalid ones', () => {
    expect(tagProblem('prod-abc1234')).toBeUndefined();
    expect(tagProblem('x'.repeat(129))).toContain('at most 128');
    expect(tagProblem('.hidden')).toContain('does not start with');
    expect(tagProblem('feature/x')).toContain('only letters');
  });
});

describe('transport', () => {
  it('uses plain HTTP only for localhost and 127.0.0.0/8', () => {
    expect(isLoopbackRegistry('localhost:5000')).toBe(true);
    expect(isLoopbackRegistry('127.1.2.3:80')).toBe(true);
    expect(isLoopbackRegistry('128.0.0.1')).toBe(false);
    expect(isLoopbackRegistry('127.0.0.1.example.com')).toBe(false);
    expect(registryBaseUrl('127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(registryBaseUrl('ghcr.io')).toBe('https://ghcr.io');
    expect(registryBaseUrl('docker.io')).toBe('https://registry-1.docker.io');
  });
});
