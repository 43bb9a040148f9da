import { describe, expect, it } from '@jest/globals';
import { AmbiguousWriteError, ApiError, AppsClient } from '../../../actions/deploy-do/src/api.js';
import { parseSpec } from '../../../actions/deploy-do/src/spec.js';
import { apiError, json, on, scriptedFetch, virtualClock } from './fakes.js';

const spec = parseSpec('name: shop\n');
const client = (fetch: ReturnType<typeof scriptedFetch>) =>
  new AppsClient({
    apiUrl: 'http://api.test/',
    token: 't',
    fetch,
    clock: virtualClock(),
    retry: { baseDelayMs: 5 },
  });

describe('AppsClient', () => {
  it('retries reads through 429 and 5xx, counting every request', async () => {
    let n = 0;
    const fetch = scriptedFetch(
      on('GET', '/v2/apps/a', () =>
        ++n === 1
          ? apiError(429, 'too_many_requests', 'slow down')
          : n === 2
            ? apiError(503, 'unavailable', 'later')
            : json({ app: { id: 'a', spec } }),
      ),
    );
    const c = client(fetch);
    expect((await c.getApp('a')).id).toBe('a');
    expect(c.requests).toBe(3);
  });

  it('turns an error body into an ApiError with id, message and request id', async () => {
    const c = client(scriptedFetch(on('GET', '/v2/apps/a', () => apiError(404, 'not_found', 'no such app'))));
    const error = await c.getApp('a').catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 404,
      id: 'not_found',
      apiMessage: 'no such app',
      requestId: 'req-1',
    });
  });

  it('never repeats a PUT that got a 5xx: its effect is unknown', async () => {
    const fetch = scriptedFetch(on('PUT', '/v2/apps/a', () => apiError(500, 'server_error', 'oops')));
    const error = await client(fetch)
      .updateApp('a', spec)
      .catch((e) => e);
    expect(error).toBeInstanceOf(AmbiguousWriteError);
    expect(fetch.calls).toHaveLength(1);
  });

  it('repeats a POST refused with 429: it was not processed', async () => {
    let n = 0;
    const fetch = scriptedFetch(
      on('POST', '/v2/apps/a/deployments', () =>
        ++n === 1
          ? apiError(429, 'too_many_requests', 'slow down')
          : json({ deployment: { id: 'd', phase: 'PENDING_BUILD' } }),
      ),
    );
    expect((await client(fetch).createDeployment('a', false)).id).toBe('d');
    expect(fetch.calls).toHaveLength(2);
  });

  it('finds an app by name across pages', async () => {
    const fetch = scriptedFetch(
      on('GET', '/v2/apps', (call) =>
        new URL(call.url).searchParams.get('page') === '1'
          ? json({
              apps: [{ id: '1', spec: { name: 'other' } }],
              links: { pages: { next: 'x' } },
              meta: { total: 2 },
            })
          : json({ apps: [{ id: '2', spec: { name: 'shop' } }], links: {}, meta: { total: 2 } }),
      ),
    );
    expect((await client(fetch).findAppByName('shop'))?.id).toBe('2');
  });

  it('does not send the API token to archived log URLs', async () => {
    const fetch = scriptedFetch(on('GET', '/log.txt', () => new Response('hello')));
    expect(await client(fetch).download('http://logs.test/log.txt?X-Amz-Signature=abc')).toBe('hello');
    expect(fetch.calls[0].headers.authorization).toBeUndefined();
  });
});
