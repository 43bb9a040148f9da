import { describe, expect, it } from '@jest/globals';
import { checkAssertion, lookup, parseJsonPath } from '../../../actions/health-check/src/json-assert.js';
import {
  describeDependency,
  downDependencies,
  parseReadiness,
} from '../../../actions/health-check/src/readiness.js';
import { parseStatusSet, statusMatches } from '../../../actions/health-check/src/status.js';
import { summaryMarkdown } from '../../../actions/health-check/src/report.js';
import { backoffDelay, latencyStats } from '../../../actions/health-check/src/wait.js';
import { inlineCode } from '../../../lib/summary.js';
import { configFrom } from '../../helpers/health-check.js';

describe('expected-status', () => {
  it.each([
    ['200', [200], [201, 304]],
    ['200-299,304', [200, 250, 299, 304], [300, 404]],
    ['2xx 301', [204, 301], [302, 500]],
    ['200, 404', [200, 404], [201]],
  ])('%s', (text, yes, no) => {
    const set = parseStatusSet(text)!;
    for (const s of yes) expect([s, statusMatches(set, s)]).toEqual([s, true]);
    for (const s of no) expect([s, statusMatches(set, s)]).toEqual([s, false]);
  });

  it.each(['', 'abc', '99', '600', '299-200', '200-', '200-300-400', '6xx', '20'])('rejects %p', (text) => {
    expect(parseStatusSet(text)).toBeUndefined();
  });
});

describe('json assertions', () => {
  const body = {
    status: 'UP',
    build: { version: '1.2.3', number: 42, ok: true },
    checks: [{ status: 'DOWN' }],
  };

  it('reads dot paths and array indexes both ways', () => {
    expect(parseJsonPath('checks[0].status')).toEqual(['checks', '0', 'status']);
    expect(lookup(body, parseJsonPath('checks.0.status')!)).toEqual({ found: true, value: 'DOWN' });
    expect(lookup(body, ['build', 'missing'])).toEqual({ found: false });
    expect(parseJsonPath('a..b')).toBeUndefined();
    expect(parseJsonPath(' ')).toBeUndefined();
  });

  it('compares strings as written and other values by their JSON text', () => {
    const assert = (source: string, expected: string) =>
      checkAssertion(body, { path: parseJsonPath(source)!, source, expected });
    expect(assert('build.version', '1.2.3')).toBeUndefined();
    expect(assert('build.number', '42')).toBeUndefined();
    expect(assert('build.ok', 'true')).toBeUndefined();
    expect(assert('status', 'DOWN')).toBe("JSON status: expected 'DOWN', got 'UP'");
    expect(assert('build.sha', 'abc')).toBe("JSON build.sha: expected 'abc', but the path is missing");
    expect(assert('build', 'x')).toBe(`JSON build: expected 'x', got '${JSON.stringify(body.build)}'`);
  });
});

describe('readiness bodies', () => {
  it('reads the MicroProfile shape and lists what is DOWN', () => {
    const readiness = parseReadiness({
      status: 'DOWN',
      checks: [
        { name: 'database', status: 'DOWN', data: { error: 'connection refused', host: 'db:5432' } },
        { name: 'cache', status: 'UP' },
      ],
    })!;
    expect(downDependencies(readiness)).toEqual([
      { name: 'database', status: 'DOWN', data: { error: 'connection refused', host: 'db:5432' } },
    ]);
    expect(describeDependency(downDependencies(readiness)[0])).toBe(
      'database (DOWN: {"error":"connection refused","host":"db:5432"})',
    );
  });

  it('reads Spring components, nested groups and the older details key', () => {
    const spring = parseReadiness({
      status: 'OUT_OF_SERVICE',
      components: {
        db: { status: 'UP', details: { database: 'PostgreSQL' } },
        brokers: { status: 'DOWN', components: { kafka: { status: 'DOWN', details: { error: 'timeout' } } } },
        diskSpace: { status: 'OUT_OF_SERVICE' },
      },
    })!;
    expect(downDependencies(spring).map((d) => describeDependency(d))).toEqual([
      'brokers.kafka (DOWN: {"error":"timeout"})',
      'diskSpace (OUT_OF_SERVICE)',
    ]);
    const old = parseReadiness({
      status: 'DOWN',
      details: { redis: { status: 'DOWN', details: { error: 'x' } } },
    });
    expect(downDependencies(old!).map((d) => d.name)).toEqual(['redis']);
  });

  it('ignores bodies in neither shape and cuts long data', () => {
    expect(parseReadiness({ status: 'UP' })).toBeUndefined();
    expect(parseReadiness([1, 2])).toBeUndefined();
    expect(parseReadiness('UP')).toBeUndefined();
    const text = describeDependency({ name: 'db', status: 'DOWN', data: 'x'.repeat(500) }, 50);
    expect(text.length).toBeLessThan(70);
    expect(text.endsWith('…)')).toBe(true);
  });
});

describe('backoff', () => {
  it('starts at interval, doubles up to the cap, and jitter never goes below interval', () => {
    const low = () => 0.999;
    const high = () => 0;
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 250, 1000, high))).toEqual([250, 500, 1000, 1000]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 250, 1000, low))).toEqual([250, 375, 750, 750]);
    expect(backoffDelay(30, 250, 500, low)).toBeGreaterThanOrEqual(250);
    expect(backoffDelay(2000, 100, 100, Math.random)).toBe(100);
  });

  it('summarises latencies', () => {
    expect(latencyStats([])).toBeUndefined();
    expect(latencyStats([5, 1, 9])).toEqual({ min: 1, median: 5, max: 9 });
    expect(latencyStats([4, 1, 9, 2])).toEqual({ min: 1, median: 3, max: 9 });
  });
});

describe('job summary', () => {
  it('shows quoted server text and inputs literally, not as Markdown or HTML', () => {
    const config = configFrom({ url: 'http://127.0.0.1:1/ready', 'body-contains': '<h1>`OK`</h1>' });
    const summary = summaryMarkdown(config, {
      healthy: false,
      attempts: 1,
      durationMs: 5,
      results: [
        {
          url: 'http://127.0.0.1:1/ready',
          healthy: false,
          attempts: 1,
          elapsedMs: 5,
          failure: "body does not contain '<h1>`OK`</h1>'",
          down: [{ name: 'gateway', status: 'DOWN', data: '<html>502</html>' }],
        },
      ],
    });
    expect(summary).toContain("body does not contain '&lt;h1&gt;`OK`&lt;/h1&gt;'");
    expect(summary).toContain('- gateway (DOWN: "&lt;html&gt;502&lt;/html&gt;")');
    expect(summary).toContain('body contains ``<h1>`OK`</h1>``');
  });

  it('inlineCode fences text holding backticks', () => {
    expect(inlineCode('plain')).toBe('`plain`');
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('`x`')).toBe('`` `x` ``');
  });
});
