import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppsClient, type Deployment, type Phase, type Step } from '../../../actions/deploy-do/src/api.js';
import { run, type DeployInputs, type Reporter } from '../../../actions/deploy-do/src/deploy.js';
import { parseSpec } from '../../../actions/deploy-do/src/spec.js';
import { apiError, DIGEST, json, on, scriptedFetch, virtualClock, type Handler } from './fakes.js';

const temp = mkdtempSync(join(tmpdir(), 'deploy-do-flow-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const API = 'http://api.test';
const spec = parseSpec(`
name: shop
services:
  - name: web
    image: { registry_type: GHCR, registry: acme, repository: web, tag: old }
    envs:
      - { key: API_KEY, value: k-123-secret, type: SECRET }
`);
const workerSpec = parseSpec(
  'name: bg\nworkers:\n  - name: jobs\n    image: { registry_type: GHCR, registry: acme, repository: jobs, tag: x }\n',
);

function inputs(extra: Partial<DeployInputs> = {}): DeployInputs {
  return {
    appId: 'app-1',
    images: [{ component: 'web', reference: `ghcr.io/acme/web@${DIGEST}` }],
    wait: true,
    timeoutMs: 10 * 60_000,
    forceBuild: false,
    printLogs: 'on-failure',
    create: false,
    spec,
    ...extra,
  };
}

function reporter() {
  const lines: string[] = [];
  const secrets: string[] = [];
  const r: Reporter & { lines: string[]; secrets: string[] } = {
    lines,
    secrets,
    info: (m) => void lines.push(m),
    warning: (m) => void lines.push(`warning: ${m}`),
    debug: () => undefined,
    group: (t) => void lines.push(`group: ${t}`),
    endGroup: () => undefined,
    setSecret: (s) => void secrets.push(s),
  };
  return r;
}

/** A deployment whose phase follows a schedule of [phase, milliseconds] on the clock. */
function scheduled(
  id: string,
  clock: { now(): number },
  plan: [Phase, number][],
  steps: (phase: Phase) => Step[] = () => [],
) {
  const start = clock.now();
  return (): Deployment => {
    let t = start;
    for (const [phase, ms] of plan) {
      t += ms;
      if (clock.now() < t) return { id, phase, cause: 'manual', progress: { steps: steps(phase) } };
    }
    const last = plan.at(-1)![0];
    return { id, phase: last, cause: 'manual', progress: { steps: steps(last) } };
  };
}

const PLAN: [Phase, number][] = [
  ['PENDING_BUILD', 3000],
  ['BUILDING', 120_000],
  ['PENDING_DEPLOY', 2000],
  ['DEPLOYING', 30_000],
  ['ACTIVE', 0],
];

function setup(handlers: Handler[], clock = virtualClock()) {
  const fetch = scriptedFetch(...handlers);
  const client = new AppsClient({
    apiUrl: API,
    token: 'dop_token',
    fetch,
    clock,
    retry: { baseDelayMs: 10 },
  });
  const report = reporter();
  return { fetch, client, report, clock, io: { client, clock, report, env: {}, tempDir: temp } };
}

const liveApp = { id: 'app-1', spec, active_deployment: { id: 'dep-0', phase: 'ACTIVE' } };

describe('deploy flow', () => {
  it('puts the spec with the image, waits on the deployment it returned and reports the live URL', async () => {
    const clock = virtualClock();
    let d1: (() => Deployment) | undefined;
    const { fetch, io, report } = setup(
      [
        on('GET', '/v2/apps/app-1', () =>
          json({ app: { ...liveApp, live_url: d1 ? 'https://shop.example' : '' } }),
        ),
        on('GET', '/v2/apps/app-1/deployments', () =>
          json({ deployments: [{ id: 'dep-0', phase: 'ACTIVE' }] }),
        ),
        on('PUT', '/v2/apps/app-1', () => {
          d1 = scheduled('dep-1', clock, PLAN);
          return json({ app: { ...liveApp, pending_deployment: d1() } });
        }),
        on('GET', '/v2/apps/app-1/deployments/dep-1', () => json({ deployment: d1!() })),
      ],
      clock,
    );
    const result = await run(inputs(), io);
    expect(result).toMatchObject({
      ok: true,
      phase: 'ACTIVE',
      appId: 'app-1',
      previousDeploymentId: 'dep-0',
      liveUrl: 'https://shop.example',
    });
    expect(result.deployment?.id).toBe('dep-1');
    const puts = fetch.calls.filter((c) => c.method === 'PUT');
    expect(puts).toHaveLength(1);
    const web = (puts[0].body as { spec: { services: { image: Record<string, string> }[] } }).spec
      .services[0];
    expect(web.image).toEqual({ registry_type: 'GHCR', registry: 'acme', repository: 'web', digest: DIGEST });
    expect(puts[0].headers.authorization).toBe('Bearer dop_token');
    // A 2 s PENDING_DEPLOY between polls of a long build may go unseen; the rest may not.
    const phases = result.timeline.map((t) => t.phase);
    expect(phases).toEqual(expect.arrayContaining(['PENDING_BUILD', 'BUILDING', 'DEPLOYING', 'ACTIVE']));
    expect(phases.at(-1)).toBe('ACTIVE');
    expect(report.lines.join('\n')).toContain('phase DEPLOYING');
  });

  it('polls so ACTIVE is seen within a second while averaging under one request per 2 s', async () => {
    const clock = virtualClock();
    const d1 = scheduled('dep-1', clock, PLAN);
    const { client, io } = setup(
      [on('GET', '/v2/apps/app-1/deployments/dep-1', () => json({ deployment: d1() }))],
      clock,
    );
    const { waitForDeployment } = await import('../../../actions/deploy-do/src/wait.js');
    const start = clock.now();
    const waited = await waitForDeployment(client, 'app-1', 'dep-1', {
      clock: io.clock,
      deadline: start + 600_000,
    });
    const activeAt = start + PLAN.reduce((sum, [, ms]) => sum + ms, 0);
    const noticed = waited.timeline.at(-1)!;
    expect(noticed.phase).toBe('ACTIVE');
    expect(noticed.at - activeAt).toBeLessThanOrEqual(1000);
    expect(waited.polls / ((noticed.at - start) / 1000)).toBeLessThan(0.5);
  });

  it('finds the deployment an ambiguous PUT made instead of sending it again', async () => {
    const clock = virtualClock();
    let made: (() => Deployment) | undefined;
    const { fetch, io, report } = setup(
      [
        on('GET', '/v2/apps/app-1', () =>
          json({ app: { ...liveApp, live_url: 'https://shop.example', pending_deployment: made?.() } }),
        ),
        on('GET', '/v2/apps/app-1/deployments', () =>
          json({ deployments: [{ id: 'dep-0' }, ...(made ? [made()] : [])] }),
        ),
        on('PUT', '/v2/apps/app-1', () => {
          made = scheduled('dep-1', clock, [
            ['BUILDING', 1000],
            ['ACTIVE', 0],
          ]);
          return apiError(502, 'bad_gateway', 'upstream went away');
        }),
        on('GET', '/v2/apps/app-1/deployments/dep-1', () => json({ deployment: made!() })),
      ],
      clock,
    );
    const result = await run(inputs(), io);
    expect(result.ok).toBe(true);
    expect(result.deployment?.id).toBe('dep-1');
    expect(fetch.calls.filter((c) => c.method === 'PUT')).toHaveLength(1);
    expect(report.lines.join('\n')).toContain('may or may not have been applied');
  });

  it('sends the PUT again only when the lost one had no effect', async () => {
    const clock = virtualClock();
    let puts = 0;
    const d1 = scheduled('dep-1', clock, [['ACTIVE', 0]]);
    const { fetch, io } = setup(
      [
        on('GET', '/v2/apps/app-1', () => json({ app: { ...liveApp, live_url: 'https://x' } })),
        on('GET', '/v2/apps/app-1/deployments', () => json({ deployments: [{ id: 'dep-0' }] })),
        on('PUT', '/v2/apps/app-1', () => {
          if (++puts === 1)
            throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
          return json({ app: { ...liveApp, pending_deployment: d1() } });
        }),
        on('GET', '/v2/apps/app-1/deployments/dep-1', () => json({ deployment: d1() })),
      ],
      clock,
    );
    const result = await run(inputs(), io);
    expect(result.ok).toBe(true);
    expect(fetch.calls.filter((c) => c.method === 'PUT')).toHaveLength(2);
  });

  it('creates a deployment (force_build) when nothing in the spec changes', async () => {
    const clock = virtualClock();
    const d1 = scheduled('dep-1', clock, [['ACTIVE', 0]]);
    const { fetch, io } = setup(
      [
        on('GET', '/v2/apps/app-1', () => json({ app: { ...liveApp, live_url: 'https://x' } })),
        on('GET', '/v2/apps/app-1/deployments', () => json({ deployments: [] })),
        on('POST', '/v2/apps/app-1/deployments', () => json({ deployment: d1() })),
        on('GET', '/v2/apps/app-1/deployments/dep-1', () => json({ deployment: d1() })),
      ],
      clock,
    );
    const result = await run(inputs({ spec: undefined, images: [], forceBuild: true }), io);
    expect(result.ok).toBe(true);
    expect(fetch.calls.find((c) => c.method === 'POST')?.body).toEqual({ force_build: true });
    expect(fetch.calls.some((c) => c.method === 'PUT')).toBe(false);
  });

  it('explains an ERROR with the failed step, its reason and the build log, secrets redacted', async () => {
    const clock = virtualClock();
    const failedBuild = (phase: Phase): Step[] =>
      phase === 'ERROR'
        ? [
            {
              name: 'build',
              status: 'ERROR',
              steps: [
                {
                  name: 'build-web',
                  component_name: 'web',
                  message_base: 'Building service',
                  status: 'ERROR',
                  reason: { code: 'BuildJobFailed', message: 'npm ci exited with 1' },
                },
              ],
            },
          ]
        : [];
    let d1: (() => Deployment) | undefined;
    const log = Array.from({ length: 150 }, (_, i) => `line ${i + 1} API_KEY=k-123-secret`).join('\n');
    const { fetch, io } = setup(
      [
        on('GET', '/v2/apps/app-1', () => json({ app: liveApp })),
        on('GET', '/v2/apps/app-1/deployments', () => json({ deployments: [] })),
        on('PUT', '/v2/apps/app-1', () => {
          d1 = scheduled(
            'dep-1',
            clock,
            [
              ['BUILDING', 5000],
              ['ERROR', 0],
            ],
            failedBuild,
          );
          return json({ app: { ...liveApp, pending_deployment: d1() } });
        }),
        on('GET', '/v2/apps/app-1/deployments/dep-1', () => json({ deployment: d1!() })),
        on('GET', '/v2/apps/app-1/deployments/dep-1/components/web/logs', (call) =>
          new URL(call.url).searchParams.get('type') === 'BUILD'
            ? json({ historic_urls: ['http://logs.test/build-web.txt?sig=abc'] })
            : apiError(400, 'bad_request', 'wrong type'),
        ),
        on('GET', '/build-web.txt', () => new Response(log)),
      ],
      clock,
    );
    const result = await run(inputs(), io);
    expect(result.ok).toBe(false);
    expect(result.phase).toBe('ERROR');
    expect(result.failure?.message).toContain('Building service web');
    expect(result.failure?.message).toContain('npm ci exited with 1');
    expect(result.failure?.steps[0]).toMatchObject({
      component: 'web',
      code: 'BuildJobFailed',
      logType: 'BUILD',
    });
    expect(result.failure?.logTail?.split('\n')).toHaveLength(100);
    expect(result.failure?.logTail?.split('\n')[0]).toBe('line 51 API_KEY=***');
    const file = readFileSync(result.logsFile!, 'utf8');
    expect(file).toContain('line 1 API_KEY=***');
    expect(file).not.toContain('k-123-secret');
    const logCall = fetch.calls.find((c) => c.path === '/build-web.txt');
    expect(logCall?.headers.authorization).toBeUndefined();
  });

  it('names the deployment that superseded this one', async () => {
    const clock = virtualClock();
    let d1: (() => Deployment) | undefined;
    const { io } = setup(
      [
        on('GET', '/v2/apps/app-1', () =>
          json({
            app: {
              ...liveApp,
              ...(d1 ? { in_progress_deployment: { id: 'dep-2', phase: 'BUILDING' } } : {}),
            },
          }),
        ),
        on('GET', '/v2/apps/app-1/deployments', () => json({ deployments: [] })),
        on('PUT', '/v2/apps/app-1', () => {
          d1 = scheduled('dep-1', clock, [
            ['BUILDING', 5000],
            ['SUPERSEDED', 0],
          ]);
          return json({ app: { ...liveApp, pending_deployment: d1() } });
        }),
        on('GET', '/v2/apps/app-1/deployments/dep-1', () => json({ deployment: d1!() })),
      ],
      clock,
    );
    const result = await run(inputs(), io);
    expect(result.phase).toBe('SUPERSEDED');
    expect(result.failure?.message).toContain('SUPERSEDED by deployment dep-2');
  });

  it('stops at the timeout with the phase it reached', async () => {
    const clock = virtualClock();
    const d1 = scheduled('dep-1', clock, [
      ['BUILDING', 3_600_000],
      ['ACTIVE', 0],
    ]);
    const { fetch, io } = setup(
      [
        on('GET', '/v2/apps/app-1', () => json({ app: liveApp })),
        on('GET', '/v2/apps/app-1/deployments', () => json({ deployments: [] })),
        on('PUT', '/v2/apps/app-1', () => json({ app: { ...liveApp, pending_deployment: d1() } })),
        on('GET', '/v2/apps/app-1/deployments/dep-1', () => json({ deployment: d1() })),
      ],
      clock,
    );
    const started = clock.now();
    const result = await run(inputs({ timeoutMs: 120_000 }), io);
    expect(result.ok).toBe(false);
    expect(result.phase).toBe('BUILDING');
    expect(result.failure?.message).toContain('did not finish within 2m 0s');
    expect(clock.now() - started).toBeLessThanOrEqual(125_000);
    expect(fetch.calls.some((c) => c.path.endsWith('/cancel'))).toBe(false);
  });

  it('refuses a spec with another name than the app, before listing or putting anything', async () => {
    const { fetch, io } = setup([on('GET', '/v2/apps/app-1', () => json({ app: liveApp }))]);
    const renamed = parseSpec(
      'name: shop-v2\nservices:\n  - name: web\n    image: { registry_type: GHCR, registry: acme, repository: web, tag: old }\n',
    );
    const result = await run(inputs({ spec: renamed }), io);
    expect(result.ok).toBe(false);
    expect(result.failure?.message).toContain("'shop-v2' differs from the name 'shop' of app app-1");
    expect(result.failure?.message).toContain('would rename the app');
    expect(result.failure?.message).toContain('`app-id`');
    expect(fetch.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /v2/apps/app-1']);
  });

  it('bounds the requests before the wait by the same timeout: a 429 storm ends the run at it', async () => {
    const clock = virtualClock();
    const { fetch, io } = setup(
      [
        on('GET', '/v2/apps/app-1', () =>
          json({ id: 'too_many_requests', message: 'slow down' }, 429, { 'retry-after': '60' }),
        ),
      ],
      clock,
    );
    const started = clock.now();
    const result = await run(inputs({ timeoutMs: 120_000 }), io);
    expect(result.ok).toBe(false);
    expect(result.failure?.message).toContain('`timeout` of 2m 0s');
    expect(result.failure?.message).toContain('GET /v2/apps/app-1');
    expect(clock.now() - started).toBeLessThanOrEqual(120_000);
    expect(fetch.calls.some((c) => c.method === 'PUT')).toBe(false);
  });

  it('counts the time spent before the wait against the timeout of the wait', async () => {
    const clock = virtualClock();
    const d1 = scheduled('dep-1', clock, [
      ['BUILDING', 3_600_000],
      ['ACTIVE', 0],
    ]);
    let reads = 0;
    const { io } = setup(
      [
        on('GET', '/v2/apps/app-1', () =>
          ++reads <= 2
            ? json({ id: 'too_many_requests', message: 'slow down' }, 429, { 'retry-after': '45' })
            : json({ app: liveApp }),
        ),
        on('GET', '/v2/apps/app-1/deployments', () => json({ deployments: [] })),
        on('PUT', '/v2/apps/app-1', () => json({ app: { ...liveApp, pending_deployment: d1() } })),
        on('GET', '/v2/apps/app-1/deployments/dep-1', () => json({ deployment: d1() })),
      ],
      clock,
    );
    const started = clock.now();
    const result = await run(inputs({ timeoutMs: 120_000 }), io);
    expect(result.phase).toBe('BUILDING');
    expect(result.failure?.message).toContain('did not finish within 2m 0s');
    expect(clock.now() - started).toBeLessThanOrEqual(121_000);
  });

  it('cancels the deployment it started when the job is cancelled', async () => {
    const clock = virtualClock();
    const controller = new AbortController();
    const d1 = scheduled('dep-1', clock, [
      ['BUILDING', 3_600_000],
      ['ACTIVE', 0],
    ]);
    let polls = 0;
    const { fetch, io } = setup(
      [
        on('GET', '/v2/apps/app-1', () => json({ app: liveApp })),
        on('GET', '/v2/apps/app-1/deployments', () => json({ deployments: [] })),
        on('PUT', '/v2/apps/app-1', () => json({ app: { ...liveApp, pending_deployment: d1() } })),
        on('GET', '/v2/apps/app-1/deployments/dep-1', () => {
          if (++polls === 3) controller.abort();
          return json({ deployment: d1() });
        }),
        on('POST', '/v2/apps/app-1/deployments/dep-1/cancel', () =>
          json({ deployment: { id: 'dep-1', phase: 'CANCELED' } }),
        ),
      ],
      clock,
    );
    const result = await run(inputs(), { ...io, signal: controller.signal });
    expect(result).toMatchObject({ ok: false, cancelled: true, phase: 'CANCELED' });
    expect(result.failure?.message).toContain('cancelled deployment dep-1');
    expect(fetch.calls.filter((c) => c.path.endsWith('/cancel'))).toHaveLength(1);
  });

  it('cancels the deployment a PUT started when the job is cancelled before its answer', async () => {
    const clock = virtualClock();
    const controller = new AbortController();
    let started: Deployment | undefined;
    const { fetch, io } = setup(
      [
        on('GET', '/v2/apps/app-1', () =>
          json({ app: started ? { ...liveApp, pending_deployment: started } : liveApp }),
        ),
        on('GET', '/v2/apps/app-1/deployments', () => json({ deployments: [] })),
        on('PUT', '/v2/apps/app-1', () => {
          started = { id: 'dep-1', phase: 'PENDING_BUILD' };
          controller.abort();
          throw new DOMException('The operation was aborted.', 'AbortError');
        }),
        on('POST', '/v2/apps/app-1/deployments/dep-1/cancel', () =>
          json({ deployment: { id: 'dep-1', phase: 'CANCELED' } }),
        ),
      ],
      clock,
    );
    const result = await run(inputs(), { ...io, signal: controller.signal });
    expect(result).toMatchObject({ ok: false, cancelled: true, phase: 'CANCELED' });
    expect(result.deployment?.id).toBe('dep-1');
    expect(result.failure?.message).toContain('cancelled deployment dep-1');
    expect(fetch.calls.filter((c) => c.method === 'PUT')).toHaveLength(1);
    expect(fetch.calls.filter((c) => c.path.endsWith('/cancel'))).toHaveLength(1);
  });

  it('does not wait for a live URL for a worker-only app', async () => {
    const clock = virtualClock();
    const app = { id: 'app-1', spec: workerSpec };
    const d1 = scheduled('dep-1', clock, [
      ['DEPLOYING', 2000],
      ['ACTIVE', 0],
    ]);
    const { fetch, io } = setup(
      [
        on('GET', '/v2/apps/app-1', () => json({ app })),
        on('GET', '/v2/apps/app-1/deployments', () => json({ deployments: [] })),
        on('POST', '/v2/apps/app-1/deployments', () => json({ deployment: d1() })),
        on('GET', '/v2/apps/app-1/deployments/dep-1', () => json({ deployment: d1() })),
      ],
      clock,
    );
    const result = await run(inputs({ spec: undefined, images: [] }), io);
    expect(result).toMatchObject({ ok: true, phase: 'ACTIVE', liveUrl: '' });
    expect(fetch.calls.filter((c) => c.method === 'GET' && c.path === '/v2/apps/app-1')).toHaveLength(2);
  });
});

describe('create, wait: false and print-logs: always', () => {
  it('creates a missing app from the spec in the project and waits on its first deployment', async () => {
    const clock = virtualClock();
    let created = false;
    const d1 = scheduled('dep-1', clock, [['ACTIVE', 0]]);
    const { fetch, io } = setup(
      [
        on('GET', '/v2/apps', () => json({ apps: [], links: {}, meta: { total: 0 } })),
        on('POST', '/v2/apps', () => {
          created = true;
          return json({ app: { id: 'app-9', spec, pending_deployment: d1() } });
        }),
        on('GET', '/v2/apps/app-9', () =>
          json({ app: { id: 'app-9', spec, live_url: created ? 'https://new.example' : '' } }),
        ),
        on('GET', '/v2/apps/app-9/deployments/dep-1', () => json({ deployment: d1() })),
      ],
      clock,
    );
    const result = await run(
      inputs({ appId: undefined, appName: 'shop', create: true, projectId: 'proj-1' }),
      io,
    );
    expect(result).toMatchObject({ ok: true, appId: 'app-9', liveUrl: 'https://new.example' });
    expect(result.previousDeploymentId).toBeUndefined();
    const post = fetch.calls.find((c) => c.method === 'POST' && c.path === '/v2/apps');
    expect(post?.body).toMatchObject({ project_id: 'proj-1', spec: { name: 'shop' } });
  });

  it('refuses a missing app without create, sending no write', async () => {
    const { fetch, io } = setup([
      on('GET', '/v2/apps', () => json({ apps: [], links: {}, meta: { total: 0 } })),
    ]);
    const result = await run(inputs({ appId: undefined, appName: 'shop' }), io);
    expect(result.failure?.message).toContain("No app named 'shop'");
    expect(fetch.calls.every((c) => c.method === 'GET')).toBe(true);
  });

  it('with wait: false returns as soon as the deployment exists', async () => {
    const { fetch, io } = setup([
      on('GET', '/v2/apps/app-1', () => json({ app: liveApp })),
      on('GET', '/v2/apps/app-1/deployments', () => json({ deployments: [] })),
      on('PUT', '/v2/apps/app-1', () =>
        json({ app: { ...liveApp, pending_deployment: { id: 'dep-1', phase: 'PENDING_BUILD' } } }),
      ),
    ]);
    const result = await run(inputs({ wait: false }), io);
    expect(result).toMatchObject({ ok: true, phase: 'PENDING_BUILD' });
    expect(fetch.calls.some((c) => c.path.includes('/deployments/dep-1'))).toBe(false);
  });

  it('with print-logs: always writes build and deploy logs after success', async () => {
    const clock = virtualClock();
    const d1 = scheduled('dep-1', clock, [['ACTIVE', 0]]);
    const { io } = setup(
      [
        on('GET', '/v2/apps/app-1', () => json({ app: { ...liveApp, live_url: 'https://x' } })),
        on('GET', '/v2/apps/app-1/deployments', () => json({ deployments: [] })),
        on('PUT', '/v2/apps/app-1', () => json({ app: { ...liveApp, pending_deployment: d1() } })),
        on('GET', '/v2/apps/app-1/deployments/dep-1', () => json({ deployment: d1() })),
        on('GET', '/v2/apps/app-1/deployments/dep-1/logs', (call) =>
          json({ historic_urls: [`http://logs.test/${new URL(call.url).searchParams.get('type')}.txt`] }),
        ),
        on('GET', /^\/(BUILD|DEPLOY)\.txt$/, (call) => new Response(`${call.path} says hello\n`)),
      ],
      clock,
    );
    const result = await run(inputs({ printLogs: 'always' }), io);
    expect(result.ok).toBe(true);
    const file = readFileSync(result.logsFile!, 'utf8');
    expect(file).toContain('/BUILD.txt says hello');
    expect(file).toContain('/DEPLOY.txt says hello');
  });
});

describe('rollback flow', () => {
  const history = [
    { id: 'dep-3', phase: 'ACTIVE', created_at: '2026-01-03T00:00:00Z' },
    { id: 'dep-2', phase: 'ERROR', created_at: '2026-01-02T12:00:00Z' },
    {
      id: 'dep-1b',
      phase: 'SUPERSEDED',
      created_at: '2026-01-02T06:00:00Z',
      progress: { steps: [{ name: 'build', status: 'RUNNING' }] },
    },
    {
      id: 'dep-1',
      phase: 'SUPERSEDED',
      created_at: '2026-01-02T00:00:00Z',
      progress: { steps: [{ name: 'deploy', status: 'SUCCESS' }] },
    },
    { id: 'dep-0', phase: 'ACTIVE', created_at: '2026-01-01T00:00:00Z' },
  ];
  const app = { id: 'app-1', spec, active_deployment: history[0], live_url: 'https://shop.example' };

  function rollbackSetup(
    validation: unknown,
    end: Phase,
    commit: (call: unknown) => Response = () => json({}),
  ) {
    const clock = virtualClock();
    let rb: (() => Deployment) | undefined;
    return setup(
      [
        on('GET', '/v2/apps/app-1', () => json({ app })),
        on('GET', '/v2/apps/app-1/deployments', () => json({ deployments: history })),
        on('POST', '/v2/apps/app-1/rollback/validate', () => json(validation)),
        on('POST', '/v2/apps/app-1/rollback', () => {
          rb = scheduled('dep-rb', clock, [
            ['DEPLOYING', 4000],
            [end, 0],
          ]);
          return json({ deployment: rb() });
        }),
        on('GET', '/v2/apps/app-1/deployments/dep-rb', () => json({ deployment: rb!() })),
        on('POST', '/v2/apps/app-1/rollback/commit', commit),
        on('POST', '/v2/apps/app-1/rollback/revert', () =>
          json({ deployment: { id: 'dep-revert', phase: 'PENDING_BUILD' } }),
        ),
        on('GET', '/v2/apps/app-1/deployments/dep-rb/logs', () => json({ historic_urls: [] })),
      ],
      clock,
    );
  }
  const rollbackInputs = (to: string) =>
    inputs({ rollbackTo: to, images: [], spec: undefined, printLogs: 'never' });

  it('rolls back to the last deployment that went live before the live one, then commits', async () => {
    const { fetch, io, report } = rollbackSetup(
      { valid: true, warnings: [{ code: 'image_source_missing_digest', message: 'web has no digest' }] },
      'ACTIVE',
    );
    const result = await run(rollbackInputs('previous'), io);
    expect(result).toMatchObject({
      ok: true,
      kind: 'rollback',
      rollbackTarget: 'dep-1',
      previousDeploymentId: 'dep-3',
    });
    const posts = fetch.calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body]);
    expect(posts).toEqual([
      ['/v2/apps/app-1/rollback/validate', { deployment_id: 'dep-1' }],
      ['/v2/apps/app-1/rollback', { deployment_id: 'dep-1', skip_pin: false }],
      ['/v2/apps/app-1/rollback/commit', undefined],
    ]);
    expect(report.lines).toContain(
      'warning: Rollback to dep-1: image_source_missing_digest: web has no digest',
    );
  });

  it('tries the next earlier deployment when App Platform refuses the first candidate', async () => {
    const clock = virtualClock();
    let rb: (() => Deployment) | undefined;
    const validated: string[] = [];
    const { io } = setup(
      [
        on('GET', '/v2/apps/app-1', () => json({ app })),
        on('GET', '/v2/apps/app-1/deployments', () => json({ deployments: history })),
        on('POST', '/v2/apps/app-1/rollback/validate', (call) => {
          const id = (call.body as { deployment_id: string }).deployment_id;
          validated.push(id);
          return json(
            id === 'dep-1'
              ? { valid: false, error: { code: 'incompatible_result', message: 'never live' } }
              : { valid: true },
          );
        }),
        on('POST', '/v2/apps/app-1/rollback', () => {
          rb = scheduled('dep-rb', clock, [['ACTIVE', 0]]);
          return json({ deployment: rb() });
        }),
        on('GET', '/v2/apps/app-1/deployments/dep-rb', () => json({ deployment: rb!() })),
        on('POST', '/v2/apps/app-1/rollback/commit', () => json({})),
      ],
      clock,
    );
    const result = await run(rollbackInputs('previous'), io);
    expect(result).toMatchObject({ ok: true, rollbackTarget: 'dep-0' });
    expect(validated).toEqual(['dep-1', 'dep-0']);
  });

  it('says the app stays pinned when committing the rollback fails', async () => {
    const { io } = rollbackSetup({ valid: true }, 'ACTIVE', () =>
      apiError(422, 'unprocessable_entity', 'commit refused'),
    );
    const result = await run(rollbackInputs('previous'), io);
    expect(result.ok).toBe(false);
    expect(result.phase).toBe('ACTIVE');
    expect(result.failure?.message).toContain('committing it failed');
    expect(result.failure?.message).toContain('commit refused');
    expect(result.failure?.message).toContain('stays pinned');
  });

  it('refuses with the validation error and starts nothing', async () => {
    const { fetch, io } = rollbackSetup(
      { valid: false, error: { code: 'exceeded_revision_limit', message: 'past the revision limit' } },
      'ACTIVE',
    );
    const result = await run(rollbackInputs('dep-0'), io);
    expect(result.ok).toBe(false);
    expect(result.failure?.message).toContain('exceeded_revision_limit: past the revision limit');
    expect(fetch.calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([
      '/v2/apps/app-1/rollback/validate',
    ]);
  });

  it('reverts a rollback whose deployment fails', async () => {
    const { fetch, io } = rollbackSetup({ valid: true }, 'ERROR');
    const result = await run(rollbackInputs('dep-0'), io);
    expect(result.ok).toBe(false);
    expect(result.failure?.message).toContain('reverted (deployment dep-revert');
    const paths = fetch.calls.filter((c) => c.method === 'POST').map((c) => c.path);
    expect(paths).toContain('/v2/apps/app-1/rollback/revert');
    expect(paths).not.toContain('/v2/apps/app-1/rollback/commit');
  });
});
