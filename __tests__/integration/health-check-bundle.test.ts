// The scenarios through the bundle, run as the runner runs it (node24, INPUT_*, GITHUB_OUTPUT).
import { afterEach, describe, expect, it } from '@jest/globals';
import { rmSync } from 'node:fs';
import { runAction } from '../../local/run-action.js';
import type { ServerResponse } from 'node:http';
import { freePort, json, serverPool, type ScriptedServer } from '../helpers/scripted-server.js';

const { server, held, closeAll } = serverPool();
afterEach(closeAll);
const fast = { interval: '50ms', 'max-interval': '100ms' };
async function check(inputs: Record<string, string>, onStdout?: (text: string) => void) {
  const run = await runAction('health-check', {
    inputs: { ...fast, ...inputs },
    timeoutMs: 30_000,
    onStdout,
  });
  rmSync(run.workDir, { recursive: true, force: true });
  return run;
}
const errors = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::error::'));

describe('health-check bundle', () => {
  it('waits through 503s, then reports healthy', async () => {
    const s = await server((_req, res, n) =>
      json(res, n <= 3 ? 503 : 200, { status: n <= 3 ? 'DOWN' : 'UP' }),
    );
    const run = await check({ url: `${s.url}/ready`, json: 'status=UP' });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ healthy: 'true', attempts: '4' });
    expect(JSON.parse(run.outputs.report).urls[0]).toMatchObject({
      attempts: 4,
      lastStatus: 200,
      failure: null,
    });
    expect(run.summary).toMatch(new RegExp(`\\| ${s.url}/ready \\| ✅ healthy \\| 4 \\|`));
    expect(s.hits).toHaveLength(4);
  });

  it('waits for a service that refuses connections to start listening', async () => {
    const port = await freePort();
    let starting: Promise<ScriptedServer> | undefined;
    const run = await check({ url: `http://127.0.0.1:${port}/` }, (text) => {
      if (text.includes('connection refused')) starting ??= server((_req, res) => json(res, 200, {}), port);
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('attempt 1: connection refused');
    expect(Number(run.outputs.attempts)).toBeGreaterThan(1);
  });

  it('times out a hanging request and tries again', async () => {
    const s = await server((_req, res, n) => (n === 1 ? void held.push(res) : json(res, 200, {})));
    // A second long enough that the answered retry fits on a loaded machine.
    const run = await check({ url: s.url, 'request-timeout': '1s' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('attempt 1: no response within 1.0 s (request-timeout)');
    expect(run.outputs.attempts).toBe('2');
  });

  it('honours Retry-After on 429', async () => {
    const s = await server((_req, res, n) =>
      n === 1 ? json(res, 429, {}, { 'retry-after': '1' }) : json(res, 200, {}),
    );
    const run = await check({ url: s.url });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('HTTP 429 Too Many Requests, expected 200-299 (');
    expect(run.stdout).toContain('next check in 1.0 s');
    expect(s.hits[1].at - s.hits[0].at).toBeGreaterThanOrEqual(990);
  });

  it('fails naming the DOWN database and its data', async () => {
    const body = {
      status: 'DOWN',
      checks: [{ name: 'database', status: 'DOWN', data: { error: 'connection refused', host: 'db:5432' } }],
    };
    const s = await server((_req, res) => json(res, 503, body));
    const run = await check({ url: `${s.url}/health/ready`, timeout: '1s' });
    expect(run.code).toBe(1);
    expect(errors(run.stdout)).toEqual([
      expect.stringMatching(
        /^::error::http:.*\/health\/ready is not healthy after \d+ attempts in .*: HTTP 503 Service Unavailable, expected 200-299; DOWN: database \(DOWN: \{"error":"connection refused","host":"db:5432"\}\)/,
      ),
    ]);
    expect(run.outputs.healthy).toBe('false');
    expect(JSON.parse(run.outputs.report).urls[0].down).toEqual(body.checks);
    expect(run.summary).toContain('❌ unhealthy');
    expect(run.summary).toContain('- database (DOWN: {"error":"connection refused","host":"db:5432"})');
    expect(run.summary).toContain(JSON.stringify(body));
  });

  it('waits for the new version to replace the old one', async () => {
    const s = await server((_req, res, n) => json(res, 200, { version: n <= 2 ? 'old-sha' : 'new-sha' }));
    const run = await check({ url: `${s.url}/version`, json: 'version=new-sha' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("attempt 1: JSON version: expected 'new-sha', got 'old-sha'");
    expect(run.outputs.attempts).toBe('3');
  });

  it('follows a redirect and judges where it lands', async () => {
    const s = await server((req, res) =>
      req.url === '/'
        ? void res.writeHead(301, { location: '/health' }).end()
        : json(res, 200, { status: 'UP' }),
    );
    const run = await check({ url: `${s.url}/`, json: 'status=UP' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`(served by ${s.url}/health) is healthy`);
    const manual = await check({ url: `${s.url}/`, 'follow-redirects': 'false', 'expected-status': '301' });
    expect(manual.code).toBe(0);
    expect(JSON.parse(manual.outputs.report).urls[0].lastStatus).toBe(301);
  });

  it('fails at once on 403', async () => {
    const s = await server((_req, res) => json(res, 403, { error: 'forbidden' }));
    const run = await check({ url: s.url, timeout: '5m' });
    expect(run.code).toBe(1);
    expect(errors(run.stdout)[0]).toContain('after 1 attempt in');
    expect(errors(run.stdout)[0]).toContain('HTTP 403 Forbidden: waiting will not fix this');
    expect(s.hits).toHaveLength(1);
  });

  it('checks several URLs at once and masks header values', async () => {
    const token = 'Bearer t0p-s3cret-value';
    const ok = (req: { headers: Record<string, unknown> }, res: ServerResponse) =>
      req.headers.authorization === token ? json(res, 200, { echoed: token }) : json(res, 500, {});
    const a = await server(ok);
    const b = await server((req, res, n) => (n < 3 ? json(res, 503, {}) : ok(req, res)));
    const run = await check({ url: `${a.url}/a\n${b.url}/b`, headers: `Authorization: ${token}` });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ healthy: 'true', attempts: '4' });
    const withoutMaskCommands = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(run.stdout).toContain(`::add-mask::${token}`);
    expect([...withoutMaskCommands, run.summary, run.outputs.report].join('\n')).not.toContain('s3cret');
  });

  it('masks secret query-string values through the runner and keeps them out of log, summary and report', async () => {
    const s = await server((req, res, n) => json(res, n < 2 ? 503 : 200, { path: req.url }));
    const url = `${s.url}/ready?token=qu3ry-t0ken-1&page=2&X-Amz-Signature=s1g%2Fvalue`;
    const run = await check({ url });
    expect(run.code).toBe(0);
    expect(s.hits[0].path).toBe('/ready?token=qu3ry-t0ken-1&page=2&X-Amz-Signature=s1g%2Fvalue');
    expect(run.stdout).toContain('::add-mask::qu3ry-t0ken-1');
    // Workflow commands escape `%` as `%25`; the runner unescapes it before masking.
    expect(run.stdout).toContain('::add-mask::s1g%252Fvalue');
    expect(run.stdout).toContain('::add-mask::s1g/value');
    const withoutMaskCommands = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    const shown = [...withoutMaskCommands, run.summary, run.outputs.report].join('\n');
    expect(shown).toContain('token=***&page=2&X-Amz-Signature=***');
    expect(shown).not.toMatch(/qu3ry-t0ken-1|s1g/);
  });

  describe('bad input', () => {
    it.each([
      ['url', { url: 'ftp://127.0.0.1/' }],
      ['interval', { timeout: '1s', interval: '2s' }],
      ['expected-status', { 'expected-status': '2OO' }],
      ['json', { json: 'version' }],
      ['headers', { headers: 'Authorization Bearer x' }],
      ['consecutive-successes', { 'consecutive-successes': '0' }],
    ])('%s: exit 1, an error naming it, no request', async (input, bad) => {
      const s = await server((_req, res) => json(res, 200, {}));
      const run = await check({ url: s.url, ...bad });
      expect(run.code).toBe(1);
      expect(errors(run.stdout)).toEqual([
        expect.stringMatching(new RegExp(`^::error::Input '${input}': expected `)),
      ]);
      expect(run.outputs).toEqual({});
      expect(s.hits).toHaveLength(0);
    });
  });
});
