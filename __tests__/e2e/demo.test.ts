// `npm run demo` end to end: the sample app, the bundled health-check, and cleaning up after.
import { describe, expect, it } from '@jest/globals';
import { runDemo } from '../../local/demo.js';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('demo', () => {
  it('verifies the sample app it starts, then stops it', async () => {
    const lines: string[] = [];
    // Long enough that readiness is still DOWN when the bundle (slow to start on a busy machine) first asks.
    const result = await runDemo({ appEnv: { READY_AFTER_MS: '3000' }, log: (t) => void lines.push(t) });
    expect(result.steps.map((s) => [s.name, s.ok])).toEqual([
      ['start the sample app', true],
      ['liveness and readiness', true],
      ['the new version serves', true],
    ]);
    expect(result.ok).toBe(true);
    const log = lines.join('\n');
    expect(log).toContain(
      '/health/ready attempt 1: HTTP 503 Service Unavailable, expected 200-299; DOWN: database',
    );
    expect(log).toMatch(/\| http:\/\/127\.0\.0\.1:\d+\/version \| ✅ healthy \| 2 \|/);
    expect(log).toContain('✔ demo passed');
    expect(isRunning(result.app!.pid)).toBe(false);
  });

  it('fails on the step that fails, naming the DOWN database, and still stops the app', async () => {
    const lines: string[] = [];
    const result = await runDemo({
      appEnv: { DATABASE_DOWN: '1' },
      timeout: '1s',
      log: (t) => void lines.push(t),
    });
    expect(result.ok).toBe(false);
    expect(result.steps.map((s) => [s.name, s.ok])).toEqual([
      ['start the sample app', true],
      ['liveness and readiness', false],
    ]);
    expect(result.steps[1].detail).toMatch(
      /health\/ready is not healthy .*DOWN: database \(DOWN: \{"error":"connection refused \(DATABASE_DOWN=1\)"\}\)/,
    );
    expect(lines.join('\n')).toContain('✘ demo failed');
    expect(isRunning(result.app!.pid)).toBe(false);
  });
});
