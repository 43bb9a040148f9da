// Polls each URL until it passes `consecutive-successes` times in a row, fails in a way waiting
// cannot fix, or the deadline comes. Delays grow from `interval` to `max-interval` with jitter,
// honour Retry-After, and never run past the deadline.
import type { Clock } from '../../../lib/clock.js';
import { formatDuration } from '../../../lib/duration.js';
import type { Fetch } from '../../../lib/http.js';
import type { HealthCheckConfig } from './config.js';
import { probe, type Probe } from './probe.js';
import type { Dependency } from './readiness.js';

export interface WaitIo {
  fetch: Fetch;
  clock: Clock;
  random?: () => number;
  signal?: AbortSignal;
  /** Called after every request, with the delay before the next one (undefined when done). */
  onAttempt?: (url: string, attempt: number, probe: Probe, nextDelayMs?: number) => void;
}

export interface LatencyStats {
  min: number;
  median: number;
  max: number;
}

export interface UrlResult {
  url: string;
  healthy: boolean;
  attempts: number;
  lastStatus?: number;
  timeToHealthyMs?: number;
  elapsedMs: number;
  latencyMs?: LatencyStats;
  failure?: string;
  fatal?: boolean;
  bodyExcerpt?: string;
  down?: Dependency[];
  redirectedTo?: string;
}

export interface CheckOutcome {
  healthy: boolean;
  attempts: number;
  durationMs: number;
  results: UrlResult[];
}

const JITTER = 0.25;
/** A check that would get less time than this before the deadline is not worth sending. */
const MIN_REQUEST_BUDGET_MS = 10;
const CANCELLED = 'not finished: another URL failed in a way waiting cannot fix';

/** Delay after the n-th failure in a row: interval·2^(n-1) capped, minus up to 25% jitter, never below interval. */
export function backoffDelay(
  failures: number,
  intervalMs: number,
  maxIntervalMs: number,
  random = Math.random,
): number {
  const grown = Math.min(maxIntervalMs, intervalMs * 2 ** Math.max(0, failures - 1));
  return Math.round(Math.max(intervalMs, grown * (1 - JITTER * random())));
}

export function latencyStats(samples: number[]): LatencyStats | undefined {
  if (!samples.length) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { min: sorted[0], median: Math.round(median), max: sorted[sorted.length - 1] };
}

function nextDelay(config: HealthCheckConfig, last: Probe, failures: number, random: () => number): number {
  if (last.ok) return config.intervalMs;
  const backoff = backoffDelay(failures, config.intervalMs, config.maxIntervalMs, random);
  return Math.max(backoff, Math.ceil(last.retryAfterMs ?? 0));
}

function giveUpReason(
  config: HealthCheckConfig,
  last: Probe,
  streak: number,
  delayMs: number,
  remainingMs: number,
): string {
  const base = last.ok
    ? `passed ${streak} of ${config.consecutiveSuccesses} consecutive checks before the timeout`
    : last.reason!;
  if (!last.ok && last.retryAfterMs !== undefined && last.retryAfterMs >= remainingMs)
    return `${base}; the server asked to retry after ${formatDuration(last.retryAfterMs)}, past the ${formatDuration(config.timeoutMs)} timeout`;
  return `${base} (the next check, due in ${formatDuration(delayMs)}, would come after the ${formatDuration(config.timeoutMs)} timeout)`;
}

function resultOf(
  url: string,
  last: Probe,
  fields: Pick<UrlResult, 'attempts' | 'elapsedMs'> & Partial<UrlResult>,
  latencies: number[],
): UrlResult {
  const latencyMs = latencyStats(latencies);
  return {
    url,
    healthy: false,
    ...(last.status === undefined ? {} : { lastStatus: last.status }),
    ...(latencyMs ? { latencyMs } : {}),
    ...(last.bodyExcerpt === undefined ? {} : { bodyExcerpt: last.bodyExcerpt }),
    ...(last.down ? { down: last.down } : {}),
    ...(last.redirectedTo ? { redirectedTo: last.redirectedTo } : {}),
    ...fields,
  };
}

export async function waitUntilHealthy(
  url: string,
  config: HealthCheckConfig,
  io: WaitIo,
  startedAt = io.clock.now(),
): Promise<UrlResult> {
  const random = io.random ?? Math.random;
  const deadline = startedAt + config.timeoutMs;
  const latencies: number[] = [];
  let streak = 0;
  let failures = 0;
  /** The last probe not cut short by the deadline: what the report shows. */
  let answered: Probe | undefined;
  for (let attempt = 1; ; attempt++) {
    const budget = Math.min(config.requestTimeoutMs, deadline - io.clock.now());
    if (answered && budget < MIN_REQUEST_BUDGET_MS)
      // A sleep that overran (a loaded machine) left no time for a fair request.
      return resultOf(
        url,
        answered,
        {
          attempts: attempt - 1,
          elapsedMs: io.clock.now() - startedAt,
          failure: `${answered.reason}; no time left for another check before the ${formatDuration(config.timeoutMs)} timeout`,
        },
        latencies,
      );
    const last = await probe(url, config, budget, io);
    const elapsedMs = io.clock.now() - startedAt;
    const finish = (shown: Probe, fields: Partial<UrlResult>) => {
      io.onAttempt?.(url, attempt, last);
      return resultOf(url, shown, { attempts: attempt, elapsedMs, ...fields }, latencies);
    };
    if (last.cancelled)
      return resultOf(
        url,
        answered ?? last,
        { attempts: attempt - 1, elapsedMs, failure: CANCELLED },
        latencies,
      );
    latencies.push(last.latencyMs);
    if (last.timedOut && budget < config.requestTimeoutMs) {
      const before = answered ? `${answered.reason}; then no response` : 'no response';
      return finish(answered ?? last, {
        failure: `${before} before the ${formatDuration(config.timeoutMs)} timeout`,
      });
    }
    answered = last;
    streak = last.ok ? streak + 1 : 0;
    failures = last.ok ? 0 : failures + 1;
    if (streak >= config.consecutiveSuccesses)
      return finish(last, { healthy: true, timeToHealthyMs: elapsedMs });
    if (last.fatal) return finish(last, { failure: last.reason, fatal: true });
    const delay = nextDelay(config, last, failures, random);
    const left = deadline - startedAt - elapsedMs;
    if (delay + MIN_REQUEST_BUDGET_MS >= left)
      return finish(last, { failure: giveUpReason(config, last, streak, delay, left) });
    io.onAttempt?.(url, attempt, last, delay);
    await io.clock.sleep(delay, io.signal);
  }
}

/** Checks every URL concurrently; a failure waiting cannot fix stops the others at once. */
export async function checkAll(config: HealthCheckConfig, io: WaitIo): Promise<CheckOutcome> {
  const startedAt = io.clock.now();
  const stop = new AbortController();
  const signal = io.signal ? AbortSignal.any([stop.signal, io.signal]) : stop.signal;
  const results = await Promise.all(
    config.urls.map(async (url) => {
      const result = await waitUntilHealthy(url, config, { ...io, signal }, startedAt);
      if (result.fatal) stop.abort();
      return result;
    }),
  );
  return {
    healthy: results.every((r) => r.healthy),
    attempts: results.reduce((sum, r) => sum + r.attempts, 0),
    durationMs: io.clock.now() - startedAt,
    results,
  };
}
