import { describe, expect, it } from '@jest/globals';
import { parseChallenges } from '../../../lib/oci/auth.js';

describe('parseChallenges', () => {
  it('reads a GHCR bearer challenge', () => {
    expect(
      parseChallenges('Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/app:pull"'),
    ).toEqual([
      {
        scheme: 'Bearer',
        params: { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:o/app:pull' },
      },
    ]);
  });

  it('reads several challenges, bare values and escaped quotes', () => {
    expect(
      parseChallenges('Basic realm="a \\"b\\"", Bearer realm=https://x/t, error=insufficient_scope'),
    ).toEqual([
      { scheme: 'Basic', params: { realm: 'a "b"' } },
      { scheme: 'Bearer', params: { realm: 'https://x/t', error: 'insufficient_scope' } },
    ]);
  });

  it('keeps commas inside quoted scopes', () => {
    expect(parseChallenges('Bearer realm="r",scope="repository:a:pull,push"')[0].params.scope).toBe(
      'repository:a:pull,push',
    );
  });
});
