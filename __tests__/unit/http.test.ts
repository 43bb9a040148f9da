import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../lib/clock.js';
import { requestWithRetry, retryAfterMs } from '../../lib/http.js';

const instantClock: Clock & { slept: number[] } = {
  slept: [],
  now: () => Date.now(),
  sleep(ms) {
    this.slept.push(ms);
    return Promise.resolve();
  },
};

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

function serve(
  statuses: number[],
  headers: Record<string, string> = {},
): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  server = createServer((_req, res) => {
    const status = statuses[Math.min(hits++, statuses.length - 1)];
    res.writeHead(status, headers).end(String(status));
  });
  return new Promise((resolve) =>
    server!.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`, hits: () => hits }),
    ),
  );
}

describe('requestWithRetry', () => {
  it('retries 5xx then returns the success', async () => {
    const { url, hits } = await serve([503, 502, 200]);
    const res = await requestWithRetry(url, {}, { clock: instantClock });
    expect(res.status).toBe(200);
    expect(hits()).toBe(3);
  });

  it('honours Retry-After on 429', async () => {
    instantClock.slept = [];
    const { url } = await serve([429, 200], { 'retry-after': '7' });
    expect((await requestWithRetry(url, {}, { clock: instantClock })).status).toBe(200);
    expect(instantClock.slept).toEqual([7000]);
  });

  it('does not repeat a POST that reached the server and got a 5xx', async () => {
    const { url, hits } = await serve([500, 200]);
    const res = await requestWithRetry(url, { method: 'POST' }, { clock: instantClock });
    expect(res.status).toBe(500);
    expect(hits()).toBe(1);
  });

  it('retries a refused connection even for POST, then gives up with the reason', async () => {
    const { url } = await serve([200]);
    await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    await expect(
      requestWithRetry(url, { method: 'POST', retry: { attempts: 2 } }, { clock: instantClock }),
    ).rejects.toThrow(/ECONNREFUSED/);
  });

  it('reads ratelimit-reset when no Retry-After is given', () => {
    const headers = new Headers({ 'ratelimit-reset': '1010', 'ratelimit-remaining': '0' });
    expect(retryAfterMs(headers, 1_000_000)).toBe(10_000);
  });
});
