// Bad input is refused before the first request: each case names the input, fails the step,
// and the server the URL points at never sees a request.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { run } from '../../../actions/health-check/src/main.js';
import { readConfig } from '../../../actions/health-check/src/config.js';
import { recordingRunner } from '../../../lib/runner.js';
import { serve, type ScriptedServer } from '../../helpers/scripted-server.js';

let server: ScriptedServer;
beforeAll(async () => {
  server = await serve((_req, res) => res.end('ok'));
});
afterAll(() => server.close());

const good = () => `${server.url}/health`;

type Case = [string, string, () => Record<string, string>];
const cases: Case[] = [
  ['an empty url', 'url', () => ({ url: '  \n ' })],
  ['a malformed url', 'url', () => ({ url: 'not a url' })],
  ['an unknown scheme', 'url', () => ({ url: 'ftp://127.0.0.1/health' })],
  ['a bad url on the second line', 'url', () => ({ url: `${good()}\nhttp//missing-colon` })],
  ['credentials inside the url', 'url', () => ({ url: good().replace('//', '//user:hunter2@') })],
  ['the same url twice', 'url', () => ({ url: `${good()}\n${good()}` })],
  ['a negative timeout', 'timeout', () => ({ url: good(), timeout: '-5s' })],
  ['an unparsable timeout', 'timeout', () => ({ url: good(), timeout: 'soon' })],
  ['a zero timeout', 'timeout', () => ({ url: good(), timeout: '0s' })],
  ['interval larger than timeout', 'interval', () => ({ url: good(), timeout: '5s', interval: '10s' })],
  ['a zero interval', 'interval', () => ({ url: good(), interval: '0ms' })],
  ['a timeout too short to check anything', 'timeout', () => ({ url: good(), timeout: '5ms' })],
  [
    'max-interval below interval',
    'max-interval',
    () => ({ url: good(), interval: '2s', 'max-interval': '1s' }),
  ],
  [
    'request-timeout past timeout',
    'request-timeout',
    () => ({ url: good(), timeout: '5s', 'request-timeout': '1m' }),
  ],
  ['a bad request-timeout', 'request-timeout', () => ({ url: good(), 'request-timeout': '10 seconds' })],
  ['a status that is not a number', 'expected-status', () => ({ url: good(), 'expected-status': '200-abc' })],
  ['a descending status range', 'expected-status', () => ({ url: good(), 'expected-status': '299-200' })],
  ['a status outside 100-599', 'expected-status', () => ({ url: good(), 'expected-status': '200,700' })],
  ['a json line without =', 'json', () => ({ url: good(), json: 'status=UP\nversion' })],
  ['a json line with an empty path', 'json', () => ({ url: good(), json: '=UP' })],
  [
    'a header line without :',
    'headers',
    () => ({ url: good(), headers: 'Authorization Bearer s3cr3t-token' }),
  ],
  ['a header name with a space', 'headers', () => ({ url: good(), headers: 'X Api Key: s3cr3t-token' })],
  [
    'zero consecutive-successes',
    'consecutive-successes',
    () => ({ url: good(), 'consecutive-successes': '0' }),
  ],
  [
    'a word for consecutive-successes',
    'consecutive-successes',
    () => ({ url: good(), 'consecutive-successes': 'two' }),
  ],
  ['an unknown method', 'method', () => ({ url: good(), method: 'FETCH' })],
  [
    'follow-redirects that is not a boolean',
    'follow-redirects',
    () => ({ url: good(), 'follow-redirects': 'yes' }),
  ],
  [
    'body assertions with HEAD',
    'body-contains',
    () => ({ url: good(), method: 'HEAD', 'body-contains': 'ok' }),
  ],
];

describe('bad input', () => {
  it.each(cases)('%s fails on `%s` before any request', async (_title, input, inputs) => {
    const runner = recordingRunner(inputs());
    await run(runner);
    expect(runner.failed).toContain(`Input '${input}'`);
    expect(runner.failed).toMatch(/expected /);
    expect(runner.lines.filter((l) => l.startsWith('::error::'))).toHaveLength(1);
    expect(runner.outputs).toEqual({});
    expect(runner.summary).toEqual([]);
    expect(server.hits).toHaveLength(0);
  });

  it('never repeats a secret from the input in the error', async () => {
    for (const inputs of <Record<string, string>[]>[
      { url: good().replace('//', '//user:hunter2@') },
      { url: good(), headers: 'Authorization Bearer s3cr3t-token' },
      { url: good(), headers: 'X Api Key: s3cr3t-token' },
    ]) {
      const runner = recordingRunner(inputs);
      await run(runner);
      expect(runner.failed).toBeDefined();
      expect(runner.failed).not.toMatch(/hunter2|s3cr3t-token/);
    }
  });

  it('names the lower bound when an interval is too short', () => {
    expect(() =>
      readConfig(
        (name) => ({ url: good(), interval: '5ms' })[name] ?? '',
        () => {},
      ),
    ).toThrow("Input 'interval': expected a duration of at least 10ms, got '5ms'.");
  });

  it('says what was expected and what came back', async () => {
    const runner = recordingRunner({ url: good(), timeout: '5s', interval: '10s' });
    await run(runner);
    expect(runner.failed).toBe(
      "Input 'interval': expected a duration no longer than `timeout` (5s), got '10s'.",
    );
  });
});

describe('defaults', () => {
  it('fill in every setting and mask header values before anything else', () => {
    const masked: string[] = [];
    const config = readConfig(
      (name) => ({ url: good(), headers: 'Authorization: Bearer abcd1234' })[name] ?? '',
      (v) => masked.push(v),
    );
    expect(masked).toEqual(['Bearer abcd1234']);
    expect(config).toEqual({
      urls: [good()],
      timeoutMs: 300_000,
      intervalMs: 250,
      maxIntervalMs: 500,
      requestTimeoutMs: 10_000,
      expectedStatus: { text: '200-299', ranges: [{ from: 200, to: 299 }] },
      bodyContains: [],
      json: [],
      headers: [['Authorization', 'Bearer abcd1234']],
      consecutiveSuccesses: 1,
      method: 'GET',
      followRedirects: true,
    });
  });

  it('shrink the default interval to fit a short timeout instead of blaming `interval`', () => {
    const config = readConfig(
      (name) => ({ url: good(), timeout: '200ms' })[name] ?? '',
      () => {},
    );
    expect([config.intervalMs, config.maxIntervalMs, config.requestTimeoutMs]).toEqual([200, 200, 200]);
  });

  it('keep request-timeout and max-interval within a short timeout', () => {
    const config = readConfig(
      (name) => ({ url: good(), timeout: '2s', interval: '1500ms' })[name] ?? '',
      () => {},
    );
    expect([config.requestTimeoutMs, config.maxIntervalMs]).toEqual([2000, 2000]);
  });
});
