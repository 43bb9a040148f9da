// Small fakes for unit tests of deploy-do: a virtual clock and a scripted fetch.
import type { Clock } from '../../../lib/clock.js';
import type { Fetch } from '../../../lib/http.js';

/** Time that passes only when someone sleeps. */
export function virtualClock(start = 1_700_000_000_000): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    async sleep(ms, signal) {
      if (signal?.aborted) return;
      now += Math.max(0, ms);
      await Promise.resolve();
    },
    advance(ms) {
      now += ms;
    },
  };
}

export interface Call {
  method: string;
  path: string;
  url: string;
  body?: unknown;
  headers: Record<string, string>;
}

export type Handler = (call: Call) => Response | Promise<Response> | undefined;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function apiError(status: number, id: string, message: string): Response {
  return json({ id, message, request_id: 'req-1' }, status);
}

/** A fetch answering from handlers tried in order; records every call. */
export function scriptedFetch(...handlers: Handler[]): Fetch & { calls: Call[] } {
  const calls: Call[] = [];
  const fn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const call: Call = {
      method: (init?.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      url: url.toString(),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      headers,
    };
    calls.push(call);
    for (const handler of handlers) {
      const response = await handler(call);
      if (response) return response;
    }
    return apiError(404, 'not_found', `no fake for ${call.method} ${call.path}`);
  }) as Fetch & { calls: Call[] };
  fn.calls = calls;
  return fn;
}

export function on(
  method: string,
  path: string | RegExp,
  reply: (call: Call) => Response | Promise<Response>,
): Handler {
  return (call) => {
    const matches = typeof path === 'string' ? call.path === path : path.test(call.path);
    return call.method === method && matches ? reply(call) : undefined;
  };
}

export const DIGEST = 'sha256:' + 'a'.repeat(64);
export const DIGEST2 = 'sha256:' + 'b'.repeat(64);
