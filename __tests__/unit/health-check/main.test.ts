// main.ts end to end with a recording runner and a real server: outputs, summary, masking, errors.
import { afterEach, describe, expect, it } from '@jest/globals';
import { run } from '../../../actions/health-check/src/main.js';
import { recordingRunner } from '../../../lib/runner.js';
import { json, serverPool } from '../../helpers/scripted-server.js';

const { server, closeAll } = serverPool();
afterEach(closeAll);
const fast = { interval: '20ms', 'max-interval': '40ms' };

describe('health-check main', () => {
  it('sets every output and writes a summary row per URL', async () => {
    const s = await server((_req, res, n) =>
      json(res, n === 1 ? 503 : 200, { status: 'UP', version: '2.0.0' }),
    );
    const runner = recordingRunner({ url: `${s.url}/ready`, json: 'status=UP\nversion=2.0.0', ...fast });
    await run(runner);
    expect(runner.failed).toBeUndefined();
    expect(runner.outputs).toMatchObject({ healthy: 'true', attempts: '2' });
    expect(Number(runner.outputs['duration-ms'])).toBeGreaterThan(0);
    const report = JSON.parse(runner.outputs.report);
    expect(report).toMatchObject({ healthy: true, attempts: 2 });
    expect(report.urls[0]).toMatchObject({
      url: `${s.url}/ready`,
      healthy: true,
      attempts: 2,
      lastStatus: 200,
      failure: null,
      down: [],
    });
    expect(Object.keys(report.urls[0].latencyMs)).toEqual(['min', 'median', 'max']);
    const summary = runner.summary.join('\n');
    expect(summary).toContain('### Health check: ✅ healthy');
    expect(summary).toMatch(
      new RegExp(`\\| ${s.url}/ready \\| ✅ healthy \\| 2 \\| \\d+ ms \\| \\d+ / \\d+ / \\d+ ms \\| 200 \\|`),
    );
    expect(summary).toContain('`version` = `2.0.0`');
    expect(runner.lines).toContainEqual(expect.stringMatching(/ready is healthy: HTTP 200 after 2 attempts/));
  });

  it('fails naming the URL, the DOWN dependency and what came back', async () => {
    const body = {
      status: 'DOWN',
      checks: [{ name: 'database', status: 'DOWN', data: { error: 'timeout' } }],
    };
    const s = await server((_req, res) => json(res, 503, body));
    const runner = recordingRunner({ url: `${s.url}/ready`, timeout: '1s', ...fast });
    await run(runner);
    expect(runner.failed).toMatch(
      new RegExp(
        `^${s.url}/ready is not healthy after \\d+ attempts in .*: HTTP 503 Service Unavailable, expected 200-299`,
      ),
    );
    expect(runner.failed).toMatch(
      /expected 200-299; DOWN: database \(DOWN: \{"error":"timeout"\}\)( \(the next check|; then no response|; no time left for another check)/,
    );
    expect(runner.outputs.healthy).toBe('false');
    const summary = runner.summary.join('\n');
    expect(summary).toContain('❌ not healthy');
    expect(summary).toContain('- database (DOWN: {"error":"timeout"})');
    expect(summary).toContain('<summary>Last response body (excerpt)</summary>');
    expect(summary).toContain(JSON.stringify(body));
    // The log says once that it is failing, not once per poll.
    expect(runner.lines.filter((l) => !l.startsWith('::') && l.includes('attempt'))).toHaveLength(1);
  });

  it('masks header values and keeps them out of the report and summary', async () => {
    const s = await server((req, res) => json(res, 500, { echoed: req.headers.authorization }));
    const runner = recordingRunner({
      url: s.url,
      headers: 'Authorization: Bearer sup3r-s3cret\nX-Trace: 1',
      timeout: '1s',
      ...fast,
    });
    await run(runner);
    expect(s.hits[0].headers.authorization).toBe('Bearer sup3r-s3cret');
    expect(runner.secrets).toEqual(['Bearer sup3r-s3cret', 'sup3r-s3cret']);
    const everything = [...runner.lines, ...runner.summary, ...Object.values(runner.outputs)].join('\n');
    expect(everything).toContain('***');
    expect(everything).not.toContain('sup3r-s3cret');
  });

  it('masks secret query-string values in the log, summary and report, and still sends them', async () => {
    const s = await server((req, res) => json(res, 500, { path: req.url }));
    const runner = recordingRunner({
      url: `${s.url}/ready?access_token=qu3ry-t0ken&X-Amz-Signature=ab%2Fcd%2Bsig9&page=2&apiKey=k3y-value`,
      timeout: '1s',
      ...fast,
    });
    await run(runner);
    expect(s.hits[0].path).toContain('access_token=qu3ry-t0ken');
    expect(runner.secrets).toEqual(
      expect.arrayContaining(['qu3ry-t0ken', 'ab%2Fcd%2Bsig9', 'ab/cd+sig9', 'k3y-value']),
    );
    const everything = [...runner.lines, ...runner.summary, ...Object.values(runner.outputs)].join('\n');
    expect(everything).toContain('access_token=***');
    expect(everything).toContain('page=2');
    expect(everything).not.toMatch(/qu3ry-t0ken|sig9|k3y-value/);
  });

  it('masks a secret query value of a URL that fails validation', async () => {
    const runner = recordingRunner({
      url: 'https://a.example/x?token=t0ken-one\nhttps://a.example/x?token=t0ken-one',
    });
    await run(runner);
    expect(runner.failed).toMatch(/Input 'url'.*each URL once/);
    expect(runner.failed).not.toContain('t0ken-one');
    expect(runner.secrets).toEqual(['t0ken-one']);
  });

  it('reports every failing URL, the one waiting cannot fix first', async () => {
    const slow = await server((_req, res) => json(res, 503, {}));
    const denied = await server((_req, res) => setTimeout(() => json(res, 401, {}), 50));
    const runner = recordingRunner({ url: `${slow.url}/a\n${denied.url}/b`, ...fast });
    await run(runner);
    expect(runner.failed).toMatch(
      new RegExp(
        `^${denied.url}/b is not healthy after 1 attempt .*HTTP 401 Unauthorized: waiting will not fix this`,
      ),
    );
    const errors = runner.lines.filter((l) => l.startsWith('::error::'));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain(`${slow.url}/a is not healthy`);
    expect(JSON.parse(runner.outputs.report).urls.map((u: { healthy: boolean }) => u.healthy)).toEqual([
      false,
      false,
    ]);
  });
});

describe('health-check main, when something unexpected breaks', () => {
  it('fails the step with the error instead of crashing', async () => {
    const runner = recordingRunner({ url: 'http://127.0.0.1:9/', interval: '20ms' });
    const brokenClock = {
      now: () => Date.now(),
      sleep: () => Promise.reject(new Error('clock broke')),
    };
    await run(runner, {
      fetch: () => Promise.resolve(new Response('', { status: 503 })),
      clock: brokenClock,
    });
    expect(runner.failed).toMatch(/^health-check stopped by an unexpected error: Error: clock broke/);
    expect(runner.outputs.healthy).toBe('false');
  });
});
