// The sample app other parts deploy and verify: its endpoints and settings.
import { afterEach, describe, expect, it } from '@jest/globals';
import { startSampleApp, type SampleApp } from '../../local/sample-app.js';

const apps: SampleApp[] = [];
afterEach(() => Promise.all(apps.splice(0).map((a) => a.stop())));
async function app(env: Record<string, string> = {}) {
  const started = await startSampleApp({ env });
  apps.push(started);
  return started;
}
async function get(url: string, method = 'GET') {
  const res = await fetch(url, { method });
  return {
    status: res.status,
    body: (method === 'HEAD' ? {} : await res.json()) as { checks?: unknown[]; [key: string]: unknown },
    type: res.headers.get('content-type'),
  };
}

describe('sample app', () => {
  it('reports its version and sha on / and /version', async () => {
    const { url } = await app({ APP_VERSION: '1.4.2', GIT_SHA: 'abc123' });
    for (const path of ['/', '/version'])
      expect(await get(url + path)).toEqual({
        status: 200,
        body: { version: '1.4.2', sha: 'abc123' },
        type: 'application/json',
      });
  });

  it('is live at once and ready once READY_AFTER_MS has passed', async () => {
    const { url } = await app({ READY_AFTER_MS: '600' });
    expect(await get(`${url}/health/live`)).toMatchObject({ status: 200, body: { status: 'UP' } });
    const early = await get(`${url}/health/ready`);
    expect(early).toMatchObject({ status: 503, body: { status: 'DOWN' } });
    expect(early.body.checks).toEqual([
      {
        name: 'database',
        status: 'DOWN',
        data: { error: 'still connecting', readyInMs: expect.any(Number) },
      },
    ]);
    await new Promise((r) => setTimeout(r, 700));
    expect(await get(`${url}/health/ready`)).toEqual({
      status: 200,
      body: { status: 'UP', checks: [{ name: 'database', status: 'UP', data: { connectedAfterMs: 600 } }] },
      type: 'application/json',
    });
  });

  it('keeps the database DOWN with DATABASE_DOWN=1, and has defaults', async () => {
    const { url } = await app({ DATABASE_DOWN: '1' });
    const ready = await get(`${url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.body.checks?.[0]).toEqual({
      name: 'database',
      status: 'DOWN',
      data: { error: 'connection refused (DATABASE_DOWN=1)' },
    });
    expect((await get(`${url}/version`)).body).toEqual({ version: 'dev', sha: 'unknown' });
  });

  it('answers 404 for unknown paths and 405 for other methods, and exits on SIGTERM', async () => {
    const started = await app();
    expect(await get(`${started.url}/nope`)).toMatchObject({
      status: 404,
      body: { error: 'no route /nope' },
    });
    expect((await get(`${started.url}/health/live`, 'DELETE')).status).toBe(405);
    expect((await get(`${started.url}/health/live`, 'HEAD')).status).toBe(200);
    await started.stop(2000);
    await expect(fetch(`${started.url}/health/live`)).rejects.toThrow();
    expect(started.output()).toMatch(/^sample-app dev \(unknown\) listening on http:\/\/127\.0\.0\.1:\d+\n$/);
  });
});
