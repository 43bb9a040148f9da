// Detection latency of the bundled health-check with default settings, against a curl-style
// checker with a fixed 3 s retry delay, on services that turn healthy at a random moment.
// Usage: npm run bench:health [-- --runs 10 --min-healthy-ms 1000 --max-healthy-ms 20000]
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { canRun, exec } from '../lib/exec.js';
import { runAction } from '../local/run-action.js';

interface Service {
  url: string;
  hits: number[];
  flippedAt: () => number | undefined;
  close: () => Promise<void>;
}

interface Measurement {
  healthyAfterMs: number;
  detectionMs: number;
  requests: number;
  peakPerSecond: number;
  exitCode: number;
}

/** Resolves with the checker's exit code and the moment it exited. */
type Checker = (url: string) => Promise<{ code: number; exitedAt: number }>;

const RETRY_DELAY_S = 3;

/** 503 until `healthyAfterMs` from now, then 200 `{"status":"UP"}`; records when each request came. */
async function flippingService(healthyAfterMs: number): Promise<Service> {
  const hits: number[] = [];
  let flippedAt: number | undefined;
  const server = createServer((_req, res) => {
    hits.push(performance.now());
    const up = flippedAt !== undefined;
    res.writeHead(up ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: up ? 'UP' : 'DOWN' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const timer = setTimeout(() => (flippedAt = performance.now()), healthyAfterMs);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/health/ready`,
    hits,
    flippedAt: () => flippedAt,
    close: () =>
      new Promise((resolve) => {
        clearTimeout(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The most requests that fell within any one second. */
export function peakPerSecond(times: number[]): number {
  let peak = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end] - times[start] >= 1000) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

const shipyard: Checker = async (url) => {
  const run = await runAction('health-check', { inputs: { url }, timeoutMs: 6 * 60_000 });
  const exitedAt = performance.now();
  rmSync(run.workDir, { recursive: true, force: true });
  return { code: run.code, exitedAt };
};

function curlChecker(): Checker {
  const args = ['--silent', '--show-error', '--fail', '--output', '/dev/null', '--max-time', '10'];
  const retry = ['--retry', '30', '--retry-delay', String(RETRY_DELAY_S), '--retry-connrefused'];
  return (url) =>
    new Promise((resolve, reject) => {
      const child = spawn('curl', [...args, ...retry, url], { stdio: 'ignore' });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? 1, exitedAt: performance.now() }));
    });
}

/** The same policy in-process, for machines without curl. */
const fixedDelayChecker: Checker = async (url) => {
  for (let attempt = 0; attempt < 30; attempt++) {
    const response = await fetch(url).catch(() => undefined);
    await response?.body?.cancel();
    if (response?.ok) return { code: 0, exitedAt: performance.now() };
    await new Promise((r) => setTimeout(r, RETRY_DELAY_S * 1000));
  }
  return { code: 1, exitedAt: performance.now() };
};

async function measure(check: Checker, healthyAfterMs: number): Promise<Measurement> {
  const service = await flippingService(healthyAfterMs);
  try {
    const { code: exitCode, exitedAt } = await check(service.url);
    const flippedAt = service.flippedAt();
    return {
      healthyAfterMs,
      detectionMs: flippedAt === undefined ? Number.NaN : exitedAt - flippedAt,
      requests: service.hits.length,
      peakPerSecond: peakPerSecond(service.hits),
      exitCode,
    };
  } finally {
    await service.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number) => `${Math.round(x)} ms`;

function describe(name: string, runs: Measurement[]) {
  const detections = runs.map((r) => r.detectionMs);
  const totalRequests = runs.reduce((sum, r) => sum + r.requests, 0);
  const totalSeconds = runs.reduce((sum, r) => sum + (r.healthyAfterMs + r.detectionMs) / 1000, 0);
  return {
    name,
    median: median(detections),
    worst: Math.max(...detections),
    peak: Math.max(...runs.map((r) => r.peakPerSecond)),
    requests: totalRequests,
    rate: totalRequests / totalSeconds,
    failures: runs.filter((r) => r.exitCode !== 0 || Number.isNaN(r.detectionMs)).length,
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '10' },
      'min-healthy-ms': { type: 'string', default: '1000' },
      'max-healthy-ms': { type: 'string', default: '20000' },
    },
  });
  const runs = Number(values.runs);
  const [low, high] = [Number(values['min-healthy-ms']), Number(values['max-healthy-ms'])];
  const hasCurl = await canRun(exec, 'curl');
  const baselineName = hasCurl
    ? `curl --retry-delay ${RETRY_DELAY_S}`
    : `fixed ${RETRY_DELAY_S} s delay (fetch)`;
  const baseline = hasCurl ? curlChecker() : fixedDelayChecker;
  console.log(`health-check benchmark: ${runs} runs, services turn healthy between ${low} and ${high} ms`);
  console.log(
    `shipyard health-check (bundle, default settings) vs ${baselineName}, each against its own service\n`,
  );
  const ours: Measurement[] = [];
  const theirs: Measurement[] = [];
  for (let i = 1; i <= runs; i++) {
    const healthyAfterMs = Math.round(low + Math.random() * (high - low));
    // Both checkers run at once, each against its own service flipping at the same moment.
    const [a, b] = await Promise.all([measure(shipyard, healthyAfterMs), measure(baseline, healthyAfterMs)]);
    ours.push(a);
    theirs.push(b);
    console.log(
      `run ${String(i).padStart(2)}: healthy at ${(healthyAfterMs / 1000).toFixed(2)} s | shipyard ${ms(a.detectionMs).padStart(7)}, ` +
        `${a.requests} requests, peak ${a.peakPerSecond}/s | baseline ${ms(b.detectionMs).padStart(7)}, ${b.requests} requests`,
    );
  }
  const rows = [describe('shipyard health-check', ours), describe(baselineName, theirs)];
  console.log(
    '\nchecker                      median detection   worst detection   requests   mean rate   peak rate   failed runs',
  );
  for (const r of rows)
    console.log(
      `${r.name.padEnd(28)} ${ms(r.median).padStart(16)} ${ms(r.worst).padStart(17)} ${String(r.requests).padStart(10)} ` +
        `${r.rate.toFixed(2).padStart(8)}/s ${String(r.peak).padStart(9)}/s ${String(r.failures).padStart(13)}`,
    );
  const [s, c] = rows;
  console.log(
    `\nbaseline / shipyard: median ${(c.median / s.median).toFixed(1)}x slower, worst ${(c.worst / s.worst).toFixed(1)}x slower`,
  );
  const goals = [
    [`median under 300 ms`, s.median < 300],
    [`worst under 1 s`, s.worst < 1000],
    [`never more than 4 requests/s`, s.peak <= 4],
    [`every run detected`, s.failures === 0],
  ] as const;
  console.log(`goals: ${goals.map(([goal, met]) => `${goal}: ${met ? 'met' : 'MISSED'}`).join('; ')}`);
}

await main();
