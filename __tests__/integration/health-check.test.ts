// The scenarios against real HTTP servers on 127.0.0.1, through the domain code.
import { afterEach, describe, expect, it } from '@jest/globals';
import { systemClock } from '../../lib/clock.js';
import type { HealthCheckConfig } from '../../actions/health-check/src/config.js';
import type { Probe } from '../../actions/health-check/src/probe.js';
import { failureMessage, summaryMarkdown } from '../../actions/health-check/src/report.js';
import { checkAll, waitUntilHealthy } from '../../actions/health-check/src/wait.js';
import { configFrom, recordingClock } from '../helpers/health-check.js';
import type { ServerResponse } from 'node:http';
import { freePort, json, serverPool, type ScriptedServer } from '../helpers/scripted-server.js';

const { server, held, closeAll } = serverPool();
afterEach(closeAll);

function check(
  url: string,
  config: HealthCheckConfig,
  clock = systemClock,
  { startedAt = clock.now(), onReason = (_reason: string) => {} } = {},
) {
  const reasons: string[] = [];
  const onAttempt = (_u: string, _n: number, p: Probe) => {
    reasons.push(p.ok ? 'ok' : p.reason!);
    onReason(reasons.at(-1)!);
  };
  return waitUntilHealthy(url, config, { fetch, clock, onAttempt }, startedAt).then((result) => ({
    result,
    reasons,
  }));
}

const downBody = {
  status: 'DOWN',
  checks: [
    { name: 'database', status: 'DOWN', data: { error: 'connection refused', host: 'db:5432' } },
    { name: 'disk', status: 'UP' },
  ],
};

describe('health-check against real servers', () => {
  it('waits through 503s until the service turns healthy', async () => {
    const s = await server((_req, res, n) =>
      n <= 3 ? json(res, 503, downBody) : json(res, 200, { status: 'UP' }),
    );
    const { result, reasons } = await check(`${s.url}/ready`, configFrom({ url: `${s.url}/ready` }));
    expect(result).toMatchObject({ healthy: true, attempts: 4, lastStatus: 200 });
    expect(result.timeToHealthyMs).toBeGreaterThan(0);
    expect(result.latencyMs!.min).toBeLessThanOrEqual(result.latencyMs!.max);
    const down = 'DOWN: database (DOWN: {"error":"connection refused","host":"db:5432"})';
    expect(reasons).toEqual([
      ...Array(3).fill(`HTTP 503 Service Unavailable, expected 200-299; ${down}`),
      'ok',
    ]);
    expect(s.hits).toHaveLength(4);
  });

  it('retries refused connections until the service starts listening', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/health`;
    let starting: Promise<ScriptedServer> | undefined;
    const startOnRefusal = (reason: string) => {
      if (reason === 'connection refused') starting ??= server((_req, res) => json(res, 200, {}), port);
    };
    const { result, reasons } = await check(url, configFrom({ url }), systemClock, {
      onReason: startOnRefusal,
    });
    expect(result.healthy).toBe(true);
    expect(reasons[0]).toBe('connection refused');
    expect(reasons.at(-1)).toBe('ok');
  });

  it('gives up on a hanging request after request-timeout and tries again', async () => {
    const s = await server((_req, res, n) =>
      n <= 2 ? void held.push(res) : json(res, 200, { status: 'UP' }),
    );
    const config = configFrom({ url: s.url, 'request-timeout': '200ms' });
    const { result, reasons } = await check(s.url, config);
    expect(result).toMatchObject({ healthy: true, attempts: 3 });
    expect(reasons.slice(0, 2)).toEqual(Array(2).fill('no response within 200 ms (request-timeout)'));
  });

  it('never waits past the deadline for a service that always hangs', async () => {
    const s = await server((_req, res) => void held.push(res));
    const clock = recordingClock();
    const config = configFrom({
      url: s.url,
      timeout: '1s',
      'request-timeout': '300ms',
      interval: '100ms',
      'max-interval': '200ms',
    });
    const started = Date.now();
    const { result } = await check(s.url, config, clock, { startedAt: started });
    expect(result.healthy).toBe(false);
    expect(result.failure).toMatch(/^no response within 300 ms \(request-timeout\)/);
    for (const sleep of clock.sleeps) expect(sleep.at + sleep.ms).toBeLessThan(started + 1000);
  });

  it('honours Retry-After on 429', async () => {
    const s = await server((_req, res, n) =>
      n === 1
        ? json(res, 429, { error: 'slow down' }, { 'retry-after': '1' })
        : json(res, 200, { status: 'UP' }),
    );
    const clock = recordingClock();
    const { result, reasons } = await check(s.url, configFrom({ url: s.url }), clock);
    expect(result).toMatchObject({ healthy: true, attempts: 2 });
    expect(reasons[0]).toBe('HTTP 429 Too Many Requests, expected 200-299');
    expect(clock.sleeps.map((x) => x.ms)).toEqual([1000]);
    expect(s.hits[1].at - s.hits[0].at).toBeGreaterThanOrEqual(990);
  });

  it('gives up at once when Retry-After points past the deadline', async () => {
    const s = await server((_req, res) => json(res, 503, { error: 'maintenance' }, { 'retry-after': '30' }));
    const clock = recordingClock();
    const { result } = await check(s.url, configFrom({ url: s.url, timeout: '2s' }), clock);
    expect(result).toMatchObject({ healthy: false, attempts: 1 });
    expect(result.failure).toBe(
      'HTTP 503 Service Unavailable, expected 200-299; the server asked to retry after 30.0 s, past the 2.0 s timeout',
    );
    expect(clock.sleeps).toEqual([]);
  });

  it('names the DOWN dependency of a readiness endpoint and its data', async () => {
    const s = await server((_req, res) => json(res, 503, downBody));
    const config = configFrom({ url: `${s.url}/health/ready`, timeout: '1s' });
    const outcome = await checkAll(config, { fetch, clock: systemClock });
    const [result] = outcome.results;
    expect(result.down).toEqual([downBody.checks[0]]);
    expect(failureMessage(result)).toMatch(
      /is not healthy after \d+ attempts in .*: HTTP 503 Service Unavailable, expected 200-299; DOWN: database \(DOWN: \{"error":"connection refused","host":"db:5432"\}\)/,
    );
    const summary = summaryMarkdown(config, outcome);
    expect(summary).toContain('- database (DOWN: {"error":"connection refused","host":"db:5432"})');
    expect(summary).not.toContain('- disk');
  });

  it('names the DOWN components of a Spring Boot health endpoint', async () => {
    const spring = {
      status: 'DOWN',
      components: {
        db: { status: 'DOWN', details: { database: 'PostgreSQL', error: 'Connection refused' } },
        ping: { status: 'UP' },
      },
    };
    const s = await server((_req, res, n) =>
      json(res, n <= 2 ? 503 : 200, n <= 2 ? spring : { status: 'UP' }),
    );
    const { result, reasons } = await check(`${s.url}/actuator/health`, configFrom({ url: s.url }));
    expect(result).toMatchObject({ healthy: true, attempts: 3 });
    expect(reasons[0]).toBe(
      'HTTP 503 Service Unavailable, expected 200-299; DOWN: db (DOWN: {"database":"PostgreSQL","error":"Connection refused"})',
    );
  });

  it('waits until the new version serves instead of the old one', async () => {
    const s = await server((_req, res, n) =>
      json(res, 200, { version: n <= 2 ? '1.0.0' : '2.0.0', sha: 'abc' }),
    );
    const config = configFrom({ url: `${s.url}/version`, json: 'version=2.0.0\nsha=abc' });
    const { result, reasons } = await check(`${s.url}/version`, config);
    expect(result).toMatchObject({ healthy: true, attempts: 3 });
    expect(reasons[0]).toBe("JSON version: expected '2.0.0', got '1.0.0'");
  });

  it('reports which assertion failed and what came back when the old version stays', async () => {
    const s = await server((_req, res) => json(res, 200, { version: '1.0.0' }));
    const config = configFrom({ url: s.url, json: 'version=2.0.0', timeout: '1s' });
    const { result } = await check(s.url, config);
    // The last check either ran to the end (the next would pass the deadline) or was cut short by it.
    expect(result.failure).toMatch(
      /^JSON version: expected '2.0.0', got '1.0.0'( \(the next check, due in \d+ ms, would come after the 1.0 s timeout\)|; then no response before the 1.0 s timeout)$/,
    );
  });

  describe('redirects', () => {
    const redirecting = () =>
      server((req, res) =>
        req.url === '/old'
          ? void res.writeHead(302, { location: '/health' }).end()
          : json(res, 200, { status: 'UP' }),
      );

    it('are followed by default and the final response is judged', async () => {
      const s = await redirecting();
      const { result } = await check(`${s.url}/old`, configFrom({ url: `${s.url}/old`, json: 'status=UP' }));
      expect(result).toMatchObject({ healthy: true, lastStatus: 200, redirectedTo: `${s.url}/health` });
      expect(s.hits.map((h) => h.path)).toEqual(['/old', '/health']);
    });

    it('are judged themselves with follow-redirects false', async () => {
      const s = await redirecting();
      const url = `${s.url}/old`;
      const asked = await check(
        url,
        configFrom({ url, 'follow-redirects': 'false', 'expected-status': '301-302' }),
      );
      expect(asked.result).toMatchObject({ healthy: true, lastStatus: 302 });
      const plain = await check(url, configFrom({ url, 'follow-redirects': 'false', timeout: '1s' }));
      expect(plain.result.failure).toMatch(/^HTTP 302 Found, expected 200-299/);
      expect(s.hits.every((h) => h.path === '/old')).toBe(true);
    });
  });

  it('fails at once on 401, saying waiting will not fix it', async () => {
    const s = await server((_req, res) => json(res, 401, { error: 'unauthorized' }));
    const { result } = await check(s.url, configFrom({ url: s.url, timeout: '1m' }));
    expect(result).toMatchObject({ healthy: false, fatal: true, attempts: 1, lastStatus: 401 });
    expect(result.failure).toContain('waiting will not fix this');
  });

  it('accepts 403 when it is the expected status', async () => {
    const s = await server((_req, res) => json(res, 403, {}));
    const { result } = await check(s.url, configFrom({ url: s.url, 'expected-status': '403' }));
    expect(result).toMatchObject({ healthy: true, attempts: 1 });
  });

  it('checks several URLs at the same time', async () => {
    // Each turns healthy only once the other has been asked twice: one URL at a time would time out.
    const pair: ScriptedServer[] = [];
    const healthyAfterOther = (other: number) => (_req: unknown, res: ServerResponse) =>
      pair[other].hits.length >= 2 ? json(res, 200, { status: 'UP' }) : json(res, 503, {});
    pair.push(await server(healthyAfterOther(1)), await server(healthyAfterOther(0)));
    const [a, b] = pair;
    const config = configFrom({ url: `${a.url}/\n${b.url}/`, timeout: '3s' });
    const outcome = await checkAll(config, { fetch, clock: systemClock });
    expect(outcome.healthy).toBe(true);
    expect(outcome.results.map((r) => r.url)).toEqual([`${a.url}/`, `${b.url}/`]);
    expect(outcome.attempts).toBe(outcome.results[0].attempts + outcome.results[1].attempts);
  });

  it('stops checking the other URLs when one fails in a way waiting cannot fix', async () => {
    const denied = await server((_req, res) => setTimeout(() => json(res, 403, {}), 150));
    const broken = await server((_req, res) => json(res, 503, {}));
    const config = configFrom({ url: `${denied.url}/\n${broken.url}/`, timeout: '20s' });
    const outcome = await checkAll(config, { fetch, clock: systemClock });
    expect(outcome.healthy).toBe(false);
    expect(outcome.results[0]).toMatchObject({ fatal: true, lastStatus: 403 });
    expect(outcome.results[1].failure).toBe('not finished: another URL failed in a way waiting cannot fix');
    expect(outcome.durationMs).toBeLessThan(10_000);
  });

  it('needs consecutive-successes passes in a row', async () => {
    const pattern = [200, 503, 200, 200];
    const s = await server((_req, res, n) => json(res, pattern[n - 1] ?? 200, {}));
    const { result } = await check(s.url, configFrom({ url: s.url, 'consecutive-successes': '2' }));
    expect(result).toMatchObject({ healthy: true, attempts: 4 });
    const flapping = await server((_req, res, n) => json(res, n % 2 ? 200 : 503, {}));
    const flap = await check(
      flapping.url,
      configFrom({ url: flapping.url, 'consecutive-successes': '3', timeout: '1s' }),
    );
    expect(flap.result.healthy).toBe(false);
  });

  it('sends the headers and method, and checks body-contains', async () => {
    const s = await server((req, res) => res.end(`# hello ${req.method} ${req.headers['x-token']}`));
    const config = configFrom({
      url: s.url,
      headers: 'X-Token: t0k3n',
      method: 'post',
      'body-contains': '# hello POST\nt0k3n',
    });
    const { result } = await check(s.url, config);
    expect(result.healthy).toBe(true);
    expect(s.hits[0]).toMatchObject({
      method: 'POST',
      headers: expect.objectContaining({ 'x-token': 't0k3n' }),
    });
    const missing = await check(s.url, configFrom({ url: s.url, 'body-contains': 'goodbye', timeout: '1s' }));
    expect(missing.result.failure).toMatch(/^body does not contain 'goodbye'/);
    expect(missing.result.bodyExcerpt).toBe('# hello GET undefined');
  });

  it('fails the json assertions on a body that is not JSON', async () => {
    const s = await server((_req, res) => res.end('<html>maintenance</html>'));
    const { result } = await check(s.url, configFrom({ url: s.url, json: 'status=UP', timeout: '1s' }));
    expect(result.failure).toMatch(/^body is not JSON, so the `json` assertions cannot hold/);
  });
});
