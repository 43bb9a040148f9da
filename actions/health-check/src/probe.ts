// One request to one URL, judged against the expected status and body assertions.
import type { Clock } from '../../../lib/clock.js';
import { errorCode, retryAfterMs, type Fetch } from '../../../lib/http.js';
import { formatDuration } from '../../../lib/duration.js';
import type { HealthCheckConfig } from './config.js';
import { checkAssertion, truncate } from './json-assert.js';
import { describeDependency, downDependencies, parseReadiness, type Dependency } from './readiness.js';
import { statusMatches } from './status.js';

export interface Probe {
  ok: boolean;
  /** Waiting cannot fix it (401, 403). */
  fatal: boolean;
  /** The whole check was cancelled while this request ran. */
  cancelled: boolean;
  /** No response within the time this request was given. */
  timedOut?: boolean;
  status?: number;
  reason?: string;
  latencyMs: number;
  bodyExcerpt?: string;
  retryAfterMs?: number;
  down?: Dependency[];
  /** Where the response came from after redirects, when not the URL asked for. */
  redirectedTo?: string;
}

export interface ProbeIo {
  fetch: Fetch;
  clock: Clock;
  signal?: AbortSignal;
}

const MAX_BODY_BYTES = 1 << 20;
const EXCERPT_CHARS = 600;
const FATAL: Record<number, string> = {
  401: 'HTTP 401 Unauthorized: waiting will not fix this; check the credentials in `headers`',
  403: 'HTTP 403 Forbidden: waiting will not fix this; check the credentials in `headers` and the access rules',
};

const CONNECTION_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  UND_ERR_SOCKET: 'connection closed by the server',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed (temporary)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host name',
};

/** Reads at most MAX_BODY_BYTES; a health endpoint that streams forever must not hang us. */
async function readBody(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= MAX_BODY_BYTES) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describeError(error: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `no response within ${formatDuration(timeoutMs)} (request-timeout)`;
  const code = errorCode(error);
  if (code && CONNECTION_ERRORS[code]) return CONNECTION_ERRORS[code];
  const message = (error as Error)?.cause ? String((error as { cause: Error }).cause.message) : String(error);
  return code ? `${code}: ${message}` : message;
}

function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

function bodyFailures(config: HealthCheckConfig, body: string, json: ReturnType<typeof parseJson>): string[] {
  const failures = config.bodyContains
    .filter((text) => !body.includes(text))
    .map((text) => `body does not contain '${truncate(text, 80)}'`);
  if (!config.json.length) return failures;
  if (!json.ok) return [...failures, 'body is not JSON, so the `json` assertions cannot hold'];
  return [
    ...failures,
    ...config.json.map((a) => checkAssertion(json.value, a)).filter((f) => f !== undefined),
  ];
}

export function judge(
  config: HealthCheckConfig,
  response: { status: number; statusText: string; headers: Headers },
  body: string,
  now: number,
): Omit<Probe, 'latencyMs' | 'cancelled'> {
  const json = parseJson(body);
  const readiness = json.ok ? parseReadiness(json.value) : undefined;
  const down = readiness ? downDependencies(readiness) : [];
  const status = response.status;
  const base = {
    status,
    bodyExcerpt: truncate(body, EXCERPT_CHARS),
    ...(down.length ? { down } : {}),
  };
  const failures: string[] = [];
  const expected = statusMatches(config.expectedStatus, status);
  if (!expected && FATAL[status]) return { ...base, ok: false, fatal: true, reason: FATAL[status] };
  if (!expected)
    failures.push(
      `HTTP ${status}${response.statusText ? ' ' + response.statusText : ''}, expected ${config.expectedStatus.text}`,
    );
  else failures.push(...bodyFailures(config, body, json));
  if (!failures.length) return { ...base, ok: true, fatal: false };
  if (down.length) failures.push(`DOWN: ${down.map((d) => describeDependency(d)).join(', ')}`);
  const wait = retryAfterMs(response.headers, now);
  return {
    ...base,
    ok: false,
    fatal: false,
    reason: failures.join('; '),
    ...(wait === undefined ? {} : { retryAfterMs: wait }),
  };
}

export async function probe(
  url: string,
  config: HealthCheckConfig,
  timeoutMs: number,
  io: ProbeIo,
): Promise<Probe> {
  const started = io.clock.now();
  const timeout = AbortSignal.timeout(Math.max(1, timeoutMs));
  const signal = io.signal ? AbortSignal.any([timeout, io.signal]) : timeout;
  const elapsed = () => io.clock.now() - started;
  try {
    const response = await io.fetch(url, {
      method: config.method,
      headers: config.headers,
      redirect: config.followRedirects ? 'follow' : 'manual',
      signal,
    });
    const body = config.method === 'HEAD' ? '' : await readBody(response);
    const verdict = judge(config, response, body, io.clock.now());
    const redirected = response.url && response.url !== url ? { redirectedTo: response.url } : {};
    return { ...verdict, ...redirected, cancelled: false, latencyMs: elapsed() };
  } catch (error) {
    const cancelled = Boolean(io.signal?.aborted);
    const reason = cancelled ? 'cancelled' : describeError(error, timeout.aborted, timeoutMs);
    const timedOut = !cancelled && timeout.aborted;
    return { ok: false, fatal: false, cancelled, timedOut, reason, latencyMs: elapsed() };
  }
}
