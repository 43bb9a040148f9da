// HTTP with bounded retries: connection errors, 429 (Retry-After / ratelimit-reset) and 5xx.
// A request that is not idempotent is retried only when it surely never reached the server.
import { systemClock, type Clock } from './clock.js';

export type Fetch = typeof fetch;

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetry: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

export interface RequestOptions extends RequestInit {
  /** Safe to send twice (GET, HEAD, PUT of the same manifest...). Defaults by method. */
  idempotent?: boolean;
  retry?: Partial<RetryPolicy>;
  /** Per-attempt timeout. */
  timeoutMs?: number;
  onRetry?: (reason: string, delayMs: number, attempt: number) => void;
}

export class HttpError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly body?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** Errors raised before a byte of the request could have been processed. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function errorCode(error: unknown): string | undefined {
  const e = error as { code?: string; cause?: { code?: string; cause?: { code?: string } } };
  return e?.cause?.code ?? e?.cause?.cause?.code ?? e?.code;
}

/** Milliseconds to wait from Retry-After (seconds or HTTP date) or ratelimit-reset (unix seconds). */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const after = headers.get('retry-after');
  if (after) {
    if (/^\d+(\.\d+)?$/.test(after.trim())) return Number(after) * 1000;
    const date = Date.parse(after);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = headers.get('ratelimit-reset');
  const remaining = headers.get('ratelimit-remaining');
  if (reset && /^\d+$/.test(reset) && (remaining === null || remaining === '0'))
    return Math.max(0, Number(reset) * 1000 - now);
  return undefined;
}

export function backoffMs(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exp / 2 + (random() * exp) / 2);
}

export async function requestWithRetry(
  url: string,
  options: RequestOptions = {},
  io: { fetch?: Fetch; clock?: Clock } = {},
): Promise<Response> {
  const doFetch = io.fetch ?? fetch;
  const clock = io.clock ?? systemClock;
  const policy = { ...defaultRetry, ...options.retry };
  const method = (options.method ?? 'GET').toUpperCase();
  const idempotent = options.idempotent ?? IDEMPOTENT.has(method);
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= policy.attempts;
    const signal = options.timeoutMs
      ? AbortSignal.any([AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])])
      : (options.signal ?? undefined);
    let response: Response;
    try {
      response = await doFetch(url, { ...options, method, signal });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const code = errorCode(error) ?? (error as Error).name;
      const safe = idempotent || NOT_SENT.has(code ?? '');
      if (last || !safe) throw new HttpError(`${method} ${url} failed: ${code ?? (error as Error).message}`);
      const delay = backoffMs(policy, attempt);
      options.onRetry?.(code ?? 'network error', delay, attempt);
      await clock.sleep(delay, options.signal ?? undefined);
      continue;
    }
    const retryable = response.status === 429 || (response.status >= 500 && idempotent);
    if (!retryable || last) return response;
    const wait = Math.min(
      policy.maxDelayMs * 4,
      retryAfterMs(response.headers, clock.now()) ?? backoffMs(policy, attempt),
    );
    await response.body?.cancel();
    options.onRetry?.(`HTTP ${response.status}`, wait, attempt);
    await clock.sleep(wait, options.signal ?? undefined);
  }
}
