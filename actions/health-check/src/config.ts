// Every input read and validated into one typed object before the first request.
import { parseDuration } from '../../../lib/duration.js';
import { booleanInput, integerInput, InputError, linesInput, type ReadInput } from '../../../lib/inputs.js';
import { parseJsonPath, type JsonAssertion } from './json-assert.js';
import { parseStatusSet, type StatusSet } from './status.js';
import { secretQueryValues } from './url-secrets.js';

export const METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'] as const;
export type Method = (typeof METHODS)[number];

export interface HealthCheckConfig {
  urls: string[];
  timeoutMs: number;
  intervalMs: number;
  maxIntervalMs: number;
  requestTimeoutMs: number;
  expectedStatus: StatusSet;
  bodyContains: string[];
  json: JsonAssertion[];
  headers: [string, string][];
  consecutiveSuccesses: number;
  method: Method;
  followRedirects: boolean;
}

export const DEFAULTS = {
  timeout: '5m',
  interval: '250ms',
  requestTimeout: '10s',
  expectedStatus: '200-299',
} as const;

const MIN_INTERVAL_MS = 10;
const DURATION_EXPECTED = 'a positive duration such as `500ms`, `30s`, `5m` or `1h30m`';
// Masking `1` or `yes` would blank every such character sequence in the log; such values protect nothing.
export const MIN_SECRET_LENGTH = 4;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function positiveDuration(read: ReadInput, name: string, fallback: string, minMs = 1): number {
  const text = read(name) || fallback;
  const ms = parseDuration(text);
  if (ms === undefined) throw new InputError(name, DURATION_EXPECTED, text);
  if (ms < minMs)
    throw new InputError(name, minMs > 1 ? `a duration of at least ${minMs}ms` : DURATION_EXPECTED, text);
  return ms;
}

export function parseUrl(line: string): string {
  let url: URL;
  try {
    url = new URL(line);
  } catch {
    throw new InputError('url', 'absolute http:// or https:// URLs, one per line', line);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InputError('url', `the http or https scheme (not ${url.protocol.replace(':', '')})`, line);
  if (!url.hostname) throw new InputError('url', 'a URL with a host name', line);
  if (url.username || url.password)
    throw new InputError(
      'url',
      'a URL without credentials in it (send them with `headers: Authorization: ...`)',
      `${url.protocol}//***@${url.host}${url.pathname}`,
    );
  return url.href;
}

function readUrls(read: ReadInput, mask: (value: string) => void): string[] {
  const lines = linesInput(read, 'url');
  if (!lines.length) throw new InputError('url', 'at least one URL (one per line)');
  const masked = new Set<string>();
  const maskQuery = (text: string) =>
    secretQueryValues(text, MIN_SECRET_LENGTH)
      .filter((value) => !masked.has(value))
      .forEach((value) => (masked.add(value), mask(value)));
  // As typed first, so even a URL that fails to parse does not show its token in the error.
  lines.forEach(maskQuery);
  const urls = lines.map(parseUrl);
  urls.forEach(maskQuery);
  const repeated = urls.find((u, i) => urls.indexOf(u) !== i);
  if (repeated) throw new InputError('url', 'each URL once', `${repeated} listed twice`);
  return urls;
}

function readJson(read: ReadInput): JsonAssertion[] {
  return linesInput(read, 'json').map((line) => {
    const at = line.indexOf('=');
    const path = at > 0 ? parseJsonPath(line.slice(0, at)) : undefined;
    if (!path)
      throw new InputError(
        'json',
        'lines of `path=value`, such as `status=UP` or `build.version=1.2.3`',
        line,
      );
    return { path, source: line.slice(0, at).trim(), expected: line.slice(at + 1).trim() };
  });
}

/**
 * `Name: value` lines. Values are secrets: `mask` sees each one before anything can fail,
 * and no error message repeats a value.
 */
function readHeaders(read: ReadInput, mask: (value: string) => void): [string, string][] {
  const lines = linesInput(read, 'headers');
  const pairs = lines.map((line, i) => {
    const at = line.indexOf(':');
    const value = at >= 0 ? line.slice(at + 1).trim() : '';
    if (value.length >= MIN_SECRET_LENGTH) mask(value);
    return { line: i + 1, name: at >= 0 ? line.slice(0, at).trim() : '', value, hasColon: at > 0 };
  });
  for (const p of pairs) {
    if (!p.hasColon)
      throw new InputError('headers', 'lines of `Name: value`', `line ${p.line} has no ':' after a name`);
    if (!HEADER_NAME.test(p.name))
      throw new InputError('headers', 'header names made of letters, digits and `-`', p.name);
  }
  return pairs.map((p) => [p.name, p.value]);
}

function readMethod(read: ReadInput): Method {
  const text = read('method') || 'GET';
  const method = text.toUpperCase();
  if (!(METHODS as readonly string[]).includes(method))
    throw new InputError('method', `one of ${METHODS.join(', ')}`, text);
  return method as Method;
}

function readIntervals(read: ReadInput, timeoutMs: number) {
  // Only an `interval` the user gave can contradict `timeout`; the default shrinks to fit a short one.
  const intervalMs = read('interval')
    ? positiveDuration(read, 'interval', '', MIN_INTERVAL_MS)
    : Math.min(parseDuration(DEFAULTS.interval)!, timeoutMs);
  if (intervalMs > timeoutMs)
    throw new InputError(
      'interval',
      `a duration no longer than \`timeout\` (${read('timeout') || DEFAULTS.timeout})`,
      read('interval'),
    );
  const maxIntervalMs = read('max-interval')
    ? positiveDuration(read, 'max-interval', '', MIN_INTERVAL_MS)
    : Math.min(timeoutMs, intervalMs * 2);
  if (maxIntervalMs < intervalMs)
    throw new InputError(
      'max-interval',
      `a duration at least \`interval\` (${read('interval') || DEFAULTS.interval})`,
      read('max-interval'),
    );
  const requestTimeoutMs = read('request-timeout')
    ? positiveDuration(read, 'request-timeout', '')
    : Math.min(timeoutMs, parseDuration(DEFAULTS.requestTimeout)!);
  if (requestTimeoutMs > timeoutMs)
    throw new InputError('request-timeout', 'a duration no longer than `timeout`', read('request-timeout'));
  return { intervalMs, maxIntervalMs, requestTimeoutMs };
}

export function readConfig(read: ReadInput, mask: (value: string) => void): HealthCheckConfig {
  const headers = readHeaders(read, mask);
  const urls = readUrls(read, mask);
  const timeoutMs = positiveDuration(read, 'timeout', DEFAULTS.timeout, MIN_INTERVAL_MS);
  const intervals = readIntervals(read, timeoutMs);
  const statusText = read('expected-status') || DEFAULTS.expectedStatus;
  const expectedStatus = parseStatusSet(statusText);
  if (!expectedStatus)
    throw new InputError(
      'expected-status',
      'status codes (100-599), ranges or classes such as `200`, `200-299,304` or `2xx`',
      statusText,
    );
  const method = readMethod(read);
  // Not linesInput: text to find may well start with `#`.
  const bodyContains = read('body-contains')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const json = readJson(read);
  if (method === 'HEAD' && (bodyContains.length || json.length))
    throw new InputError(
      bodyContains.length ? 'body-contains' : 'json',
      'no body assertions with `method: HEAD` (a HEAD response has no body)',
    );
  return {
    urls,
    timeoutMs,
    ...intervals,
    expectedStatus,
    bodyContains,
    json,
    headers,
    consecutiveSuccesses: integerInput(read, 'consecutive-successes', 1, 1, 1000),
    method,
    followRedirects: booleanInput(read, 'follow-redirects', true),
  };
}
