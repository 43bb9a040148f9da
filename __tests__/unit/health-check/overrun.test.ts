import { describe, expect, it } from '@jest/globals';
import type { Clock } from '../../../lib/clock.js';
import { waitUntilHealthy } from '../../../actions/health-check/src/wait.js';
import { configFrom } from '../../helpers/health-check.js';

describe('a sleep that overruns the deadline', () => {
  it('stops with the last answer instead of sending a request with no time left', async () => {
    let now = 1_000_000;
    // Each sleep takes 400 ms longer than asked, as on a badly loaded machine.
    const clock: Clock = { now: () => now, sleep: async (ms) => void (now += ms + 400) };
    const budgets: number[] = [];
    const fetch = (async (_url: string, init?: RequestInit) => {
      budgets.push(now);
      expect(init?.signal?.aborted).toBe(false);
      return new Response('down', { status: 503 });
    }) as typeof globalThis.fetch;
    const config = configFrom({
      url: 'http://127.0.0.1:9/',
      timeout: '1s',
      interval: '250ms',
      'max-interval': '250ms',
    });
    const result = await waitUntilHealthy('http://127.0.0.1:9/', config, { fetch, clock, random: () => 0 });
    expect(result.healthy).toBe(false);
    expect(result.failure).toMatch(/HTTP 503.*no time left for another check before the 1\.0 s timeout/);
    expect(result.failure).not.toMatch(/-\d+ ms/);
    expect(result.attempts).toBe(budgets.length);
  });
});
