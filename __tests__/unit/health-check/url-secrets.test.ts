import { describe, expect, it } from '@jest/globals';
import { isSecretParameter, secretQueryValues } from '../../../actions/health-check/src/url-secrets.js';

describe('secret query parameters', () => {
  it.each([
    'token',
    'access_token',
    'api_key',
    'apikey',
    'apiKey',
    'key',
    'secret',
    'client_secret',
    'password',
    'sig',
    'X-Amz-Signature',
    'auth',
    'code_token',
  ])('%s is a secret', (name) => expect(isSecretParameter(name)).toBe(true));

  it.each(['page', 'q', 'monkey_count', 'design', 'id', 'version', 'sort'])('%s is not', (name) =>
    expect(isSecretParameter(name)).toBe(false),
  );

  it('returns the raw and decoded values, not short ones, not the fragment', () => {
    expect(secretQueryValues('https://h/p?token=a%20b%2Bc&page=2&key=ab#sig=zzzzzz', 4)).toEqual([
      'a%20b%2Bc',
      'a b+c',
    ]);
    expect(secretQueryValues('https://h/p', 4)).toEqual([]);
  });
});
