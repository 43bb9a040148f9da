// Benchmark of deploy-do's adaptive polling against the local App Platform emulator, on a
// virtual clock shared by both (so 20 deployments of minutes each run in seconds).
// Prints, over 20 deployments with random phase durations, the delay between a deployment
// turning ACTIVE and deploy-do noticing it (median, worst), and API requests per minute.
import { AppsClient } from '../actions/deploy-do/src/api.js';
import { run, type DeployInputs } from '../actions/deploy-do/src/deploy.js';
import { startEmulator, virtualClock } from '../local/do-emulator/index.js';

const DEPLOYMENTS = 20;

/** A small seeded generator, so runs are comparable. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const rand = random(Number(process.env.BENCH_SEED ?? 42));
const between = (min: number, max: number) => Math.round(min + rand() * (max - min));

const clock = virtualClock();
const emulator = await startEmulator({
  clock,
  tickMs: 0,
  rateLimit: { perMinute: 100_000, perHour: 1_000_000 },
  phaseMs: () => ({
    PENDING_BUILD: between(1_000, 10_000),
    BUILDING: between(30_000, 300_000),
    PENDING_DEPLOY: between(1_000, 5_000),
    DEPLOYING: between(20_000, 90_000),
  }),
});

const spec = {
  name: 'bench-app',
  region: 'fra',
  services: [
    {
      name: 'web',
      http_port: 8080,
      image: { registry_type: 'GHCR', registry: 'acme', repository: 'web', tag: 'v0' },
    },
  ],
};
const app = await emulator.seedApp(spec as never);
const client = new AppsClient({ apiUrl: emulator.url, token: emulator.token, clock });
const quiet = { info() {}, warning() {}, debug() {}, group() {}, endGroup() {}, setSecret() {} };

const delays: number[] = [];
let requests = 0;
let waitedMs = 0;
for (let i = 1; i <= DEPLOYMENTS; i++) {
  const inputs: DeployInputs = {
    appId: app.id,
    images: [{ component: 'web', reference: `ghcr.io/acme/web:v${i}` }],
    wait: true,
    timeoutMs: 60 * 60_000,
    forceBuild: false,
    printLogs: 'never',
    create: false,
  };
  const before = client.requests;
  const result = await run(inputs, { client, clock, report: quiet, env: {}, tempDir: '/tmp' });
  if (!result.ok || !result.deployment) throw new Error(`deployment ${i} failed: ${result.failure?.message}`);
  const rendered = emulator.deploymentJson(app.id, result.deployment.id);
  const activeAt = Date.parse(String(rendered.phase_last_updated_at));
  const createdAt = Date.parse(String(rendered.created_at));
  const noticedAt = result.timeline.at(-1)!.at;
  delays.push(noticedAt - activeAt);
  requests += client.requests - before;
  waitedMs += noticedAt - createdAt;
}
await emulator.close();

delays.sort((a, b) => a - b);
const median = (delays[9] + delays[10]) / 2;
const perMinute = requests / (waitedMs / 60_000);
console.log(
  `deploy-do polling over ${DEPLOYMENTS} simulated deployments (emulator clock, random phase durations)`,
);
console.log(
  `  ACTIVE noticed after: median ${Math.round(median)} ms, worst ${Math.round(delays.at(-1)!)} ms`,
);
console.log(
  `  API requests: ${requests} in ${(waitedMs / 60_000).toFixed(1)} min = ${perMinute.toFixed(1)} per minute`,
);
console.log(
  '  phases drawn uniformly: PENDING_BUILD 1-10 s, BUILDING 30-300 s, PENDING_DEPLOY 1-5 s, DEPLOYING 20-90 s',
);
console.log('  (goal: within 1000 ms, under 30 requests per minute)');
