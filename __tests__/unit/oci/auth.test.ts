import { describe, expect, it } from '@jest/globals';
import { systemClock } from '../../../lib/clock.js';
import type { Fetch } from '../../../lib/http.js';
import { AuthError, TokenCache, parseChallenges } from '../../../lib/oci/auth.js';

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

describe('TokenCache', () => {
  const credentials = { username: 'me', password: 'hunter2-token' };
  function cache(withCredentials = true) {
    const asked: string[] = [];
    const fetch = (async (url: string) => {
      asked.push(String(url));
      return new Response(JSON.stringify({ token: 't0ken', expires_in: 300 }));
    }) as unknown as Fetch;
    return {
      asked,
      tokens: new TokenCache({ fetch, clock: systemClock, ...(withCredentials ? { credentials } : {}) }),
    };
  }
  const challenge = (realm: string) => ({ scheme: 'Bearer', params: { realm, service: 'r' } });

  it('never sends credentials to a plain-http token service off this machine', async () => {
    const { asked, tokens } = cache();
    await expect(
      tokens.token(challenge('http://auth.example.com/token'), ['repository:a:pull']),
    ).rejects.toThrow(AuthError);
    expect(asked).toEqual([]);
  });

  it('uses https, loopback, and anonymous plain-http token services', async () => {
    const { asked, tokens } = cache();
    await tokens.token(challenge('https://auth.example.com/token'), ['repository:a:pull']);
    await tokens.token(challenge('http://127.0.0.1:5000/token'), ['repository:a:pull']);
    const anonymous = cache(false);
    await anonymous.tokens.token(challenge('http://auth.example.com/token'), ['repository:a:pull']);
    expect(asked.map((u) => new URL(u).origin)).toEqual([
      'https://auth.example.com',
      'http://127.0.0.1:5000',
    ]);
    expect(anonymous.asked).toHaveLength(1);
  });
});
