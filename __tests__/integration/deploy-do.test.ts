// The deploy-do bundle, run as the runner runs it, against the local App Platform emulator.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appsContract, startEmulator, type Emulator } from '../../local/do-emulator/index.js';
import { runAction, type ActionRun } from '../../local/run-action.js';

const DIGEST = 'sha256:' + 'c'.repeat(64);
const SECRET = 'pw-Integration-7f3a';
let emulator: Emulator;
let workspace: string;
let counter = 0;

beforeAll(async () => {
  emulator = await startEmulator({
    phaseMs: { PENDING_BUILD: 300, BUILDING: 1200, PENDING_DEPLOY: 200, DEPLOYING: 1500 },
    // Many runs share one token here; 429s come only from the faults a test scripts.
    rateLimit: { perMinute: 100_000, perHour: 1_000_000 },
  });
  workspace = mkdtempSync(join(tmpdir(), 'deploy-do-it-'));
});
// A test that fails midway must not leave its faults to the next one.
afterEach(() => emulator.clearFaults());
afterAll(async () => {
  await emulator?.close();
  rmSync(workspace, { recursive: true, force: true });
});

interface Setup {
  name: string;
  appId: string;
  specFile: string;
}

function serviceSpec(name: string) {
  return {
    name,
    region: 'fra',
    services: [
      {
        name: 'web',
        http_port: 8080,
        image: { registry_type: 'GHCR', registry: 'acme', repository: 'web', tag: 'v1' },
        envs: [
          { key: 'DB_PASSWORD', value: '${DB_PASSWORD}', type: 'SECRET' },
          { key: 'MODE', value: 'staging' },
        ],
      },
    ],
  };
}

async function seed(spec: Record<string, unknown> = serviceSpec(`it-app-${++counter}`)): Promise<Setup> {
  const name = String(spec.name);
  const seeded = await emulator.seedApp(JSON.parse(JSON.stringify(spec).replace('${DB_PASSWORD}', SECRET)));
  const specFile = join(workspace, `${name}.yaml`);
  writeFileSync(specFile, JSON.stringify(spec, null, 2));
  return { name, appId: seeded.id, specFile };
}

function deploy(
  setup: Setup,
  inputs: Record<string, string> = {},
  options: Parameters<typeof runAction>[1] = {},
) {
  return runAction('deploy-do', {
    cwd: workspace,
    env: { DB_PASSWORD: SECRET },
    timeoutMs: 60_000,
    ...options,
    inputs: {
      token: emulator.token,
      'api-url': emulator.url,
      'app-name': setup.name,
      spec: setup.specFile,
      images: `web=ghcr.io/acme/web@${DIGEST}`,
      ...inputs,
    },
  });
}

function errorLine(run: ActionRun): string {
  return run.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? '';
}

/** Everything the action printed or wrote, minus the add-mask commands that tell the runner what to hide. */
function visible(run: ActionRun): string {
  return (
    run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n') +
    run.summary +
    JSON.stringify(run.outputs)
  );
}

function requestsFor(appId: string) {
  return emulator.requests.filter((r) => r.path.startsWith(`/v2/apps/${appId}`));
}

describe('deploy-do against the App Platform emulator', () => {
  it('deploys the digest, waits for ACTIVE, and reports outputs and a summary', async () => {
    const app = await seed();
    const before = emulator.appJson(app.appId) as { active_deployment: { id: string } };
    const run = await deploy(app);
    expect(errorLine(run)).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({
      'app-id': app.appId,
      'previous-deployment-id': before.active_deployment.id,
      phase: 'ACTIVE',
    });
    expect(run.outputs['live-url']).toMatch(/^https?:\/\//);
    const live = emulator.appJson(app.appId) as {
      active_deployment: { id: string };
      spec: { services: { image: Record<string, string> }[] };
    };
    expect(live.active_deployment.id).toBe(run.outputs['deployment-id']);
    expect(live.spec.services[0].image).toEqual({
      registry_type: 'GHCR',
      registry: 'acme',
      repository: 'web',
      digest: DIGEST,
    });
    expect(run.stdout).toContain('::group::Waiting for deployment');
    expect(run.summary).toContain(run.outputs['deployment-id']);
    expect(run.summary).toContain('| DEPLOYING |');
    expect(visible(run)).not.toContain(SECRET);
    expect(visible(run)).not.toContain(emulator.token);
  });

  it('explains an ERROR with the failed step, its reason and the build log tail, full logs in a file', async () => {
    const app = await seed();
    emulator.fault({
      type: 'build-error',
      component: 'web',
      reason: { code: 'BuildJobExitNonZero', message: 'npm run build exited with 2' },
      logTail: ['error TS2304: Cannot find name fooBar', 'build failed'],
      logLines: 300,
    });
    const run = await deploy(app);
    expect(run.code).toBe(1);
    expect(run.outputs.phase).toBe('ERROR');
    expect(errorLine(run)).toContain('npm run build exited with 2');
    expect(errorLine(run)).toContain('web');
    expect(run.stdout).toContain('error TS2304: Cannot find name fooBar');
    const file = run.outputs['logs-file'];
    expect(file.startsWith(join(run.workDir, 'runner-temp'))).toBe(true);
    const logs = readFileSync(file, 'utf8');
    expect(logs.split('\n').length).toBeGreaterThan(300);
    expect(run.summary).toContain('Last 100 log lines');
    expect(logs).not.toContain(SECRET);
    expect(visible(run)).not.toContain(SECRET);
  });

  it('explains a failed deploy with the DEPLOY log of the component', async () => {
    const app = await seed();
    emulator.fault({
      type: 'deploy-error',
      component: 'web',
      reason: { message: 'health check on :8080 got connection refused' },
      logTail: ['listening on :3000'],
    });
    const run = await deploy(app);
    expect(run.code).toBe(1);
    expect(errorLine(run)).toContain('health check on :8080 got connection refused');
    expect(run.stdout).toContain('::group::DEPLOY log of web');
    expect(run.stdout).toContain('listening on :3000');
  });

  it('fails a SUPERSEDED deployment naming the one that replaced it', async () => {
    const app = await seed();
    emulator.fault({ type: 'supersede', phase: 'BUILDING' });
    const run = await deploy(app);
    expect(run.code).toBe(1);
    expect(run.outputs.phase).toBe('SUPERSEDED');
    const live = emulator.appJson(app.appId) as {
      active_deployment?: { id: string };
      in_progress_deployment?: { id: string };
    };
    const rival = live.in_progress_deployment?.id ?? live.active_deployment?.id;
    expect(errorLine(run)).toContain(`SUPERSEDED by deployment ${rival}`);
  });

  it('fails a deployment CANCELED by someone else', async () => {
    const app = await seed();
    emulator.fault({ type: 'hang', phase: 'BUILDING' });
    let cancelled = false;
    const run = await deploy(
      app,
      {},
      {
        onStdout: (text) => {
          const m = /Deployment (\S+) \(/.exec(text);
          if (m && !cancelled) {
            cancelled = true;
            void fetch(`${emulator.url}/v2/apps/${app.appId}/deployments/${m[1]}/cancel`, {
              method: 'POST',
              headers: { authorization: `Bearer ${emulator.token}` },
            });
          }
        },
      },
    );
    expect(run.code).toBe(1);
    expect(run.outputs.phase).toBe('CANCELED');
    expect(errorLine(run)).toContain('CANCELED (in App Platform, not by this job)');
  });

  it('stops waiting at the timeout and says how far the deployment got', async () => {
    const app = await seed();
    emulator.fault({ type: 'hang', phase: 'BUILDING' });
    const run = await deploy(app, { timeout: '4s' });
    expect(run.code).toBe(1);
    expect(run.outputs.phase).toBe('BUILDING');
    expect(errorLine(run)).toContain('did not finish within 4.0 s');
    expect(run.durationMs).toBeLessThan(20_000);
  });

  it('rides out a 429 storm, honouring retry-after', async () => {
    const app = await seed();
    emulator.fault({
      type: 'status',
      status: 429,
      times: 4,
      retryAfter: 1,
      match: { method: 'GET', path: /\/deployments\// },
    });
    const run = await deploy(app);
    expect(errorLine(run)).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/HTTP 429; retry \d in 1\.0 s/);
    expect(requestsFor(app.appId).filter((r) => r.status === 429)).toHaveLength(4);
  });

  it('ends a 429 storm before the wait at the timeout, naming it, without writing anything', async () => {
    const app = await seed();
    emulator.fault({
      type: 'status',
      status: 429,
      times: 50,
      retryAfter: 2,
      match: { method: 'GET', path: '/v2/apps' },
    });
    const run = await deploy(app, { timeout: '3s' });
    emulator.clearFaults();
    expect(run.code).toBe(1);
    expect(errorLine(run)).toContain('`timeout` of 3.0 s');
    expect(requestsFor(app.appId).filter((r) => r.method === 'PUT')).toHaveLength(0);
    expect(run.durationMs).toBeLessThan(20_000);
  });

  it('recovers from 5xx answers and does not repeat a PUT whose answer was lost', async () => {
    const app = await seed();
    emulator.fault({
      type: 'status',
      status: 503,
      times: 2,
      match: { method: 'GET', path: /\/deployments\// },
    });
    emulator.fault({ type: 'reset', when: 'after', match: { method: 'PUT', path: `/v2/apps/${app.appId}` } });
    const run = await deploy(app);
    expect(errorLine(run)).toBe('');
    expect(run.code).toBe(0);
    const puts = requestsFor(app.appId).filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    const deployments = emulator.apps.get(app.appId)!.deployments;
    expect(deployments).toHaveLength(2);
    expect(run.outputs['deployment-id']).toBe(deployments[0].id);
  });

  it('sends a PUT again when the 500 answer says it had no effect', async () => {
    const app = await seed();
    emulator.fault({ type: 'status', status: 500, match: { method: 'PUT', path: `/v2/apps/${app.appId}` } });
    const run = await deploy(app);
    expect(run.code).toBe(0);
    expect(requestsFor(app.appId).filter((r) => r.method === 'PUT')).toHaveLength(2);
    expect(emulator.apps.get(app.appId)!.deployments).toHaveLength(2);
  });

  it('rolls back to the previous deployment: validate, rollback, wait, commit', async () => {
    const app = await seed();
    const first = (emulator.appJson(app.appId) as { active_deployment: { id: string } }).active_deployment.id;
    expect((await deploy(app)).code).toBe(0);
    const run = await deploy(app, { 'rollback-to': 'previous', images: '', spec: '' });
    expect(errorLine(run)).toBe('');
    expect(run.code).toBe(0);
    const paths = requestsFor(app.appId)
      .filter((r) => r.method === 'POST')
      .map((r) => r.path.replace(`/v2/apps/${app.appId}`, ''));
    expect(paths.slice(-3)).toEqual(['/rollback/validate', '/rollback', '/rollback/commit']);
    const live = emulator.appJson(app.appId) as {
      active_deployment: { id: string; cloned_from?: string };
      pinned_deployment?: unknown;
    };
    expect(live.active_deployment.cloned_from).toBe(first);
    expect(live.pinned_deployment).toBeUndefined();
    expect(run.stdout).toContain('image_source_missing_digest');
  });

  it('rolls back to a deployment id', async () => {
    const app = await seed();
    const first = (emulator.appJson(app.appId) as { active_deployment: { id: string } }).active_deployment.id;
    expect((await deploy(app)).code).toBe(0);
    const run = await deploy(app, { 'rollback-to': first, images: '', spec: '' });
    expect(run.code).toBe(0);
    expect(run.outputs.phase).toBe('ACTIVE');
    const live = emulator.appJson(app.appId) as { active_deployment: { id: string; cloned_from?: string } };
    expect(live.active_deployment.id).toBe(run.outputs['deployment-id']);
    expect(live.active_deployment.cloned_from).toBe(first);
  });

  it('refuses a rollback App Platform does not validate, starting nothing', async () => {
    const app = await seed();
    emulator.fault({ type: 'build-error', component: 'web' });
    const failed = await deploy(app);
    expect(failed.code).toBe(1);
    const run = await deploy(app, { 'rollback-to': failed.outputs['deployment-id'], images: '', spec: '' });
    expect(run.code).toBe(1);
    expect(errorLine(run)).toContain('refuses to roll back');
    expect(errorLine(run)).toContain('incompatible_result');
    expect(requestsFor(app.appId).filter((r) => r.path.endsWith('/rollback'))).toHaveLength(0);
  });

  it('cancels its deployment and exits promptly when the job is cancelled', async () => {
    const app = await seed();
    emulator.fault({ type: 'hang', phase: 'BUILDING' });
    const run = await deploy(app, {}, { killAfterMs: 3000, killSignal: 'SIGINT' });
    expect(run.code).toBe(1);
    expect(run.durationMs).toBeLessThan(3000 + 5000);
    expect(errorLine(run)).toContain('The job was cancelled: cancelled deployment');
    const id = run.outputs['deployment-id'];
    expect((emulator.deploymentJson(app.appId, id) as { phase: string }).phase).toBe('CANCELED');
  });

  it('deploys a worker-only app without waiting for a live URL', async () => {
    const name = `it-worker-${++counter}`;
    const app = await seed({
      name,
      region: 'fra',
      workers: [
        { name: 'web', image: { registry_type: 'GHCR', registry: 'acme', repository: 'web', tag: 'v1' } },
      ],
    });
    const run = await deploy(app);
    expect(errorLine(run)).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ phase: 'ACTIVE', 'live-url': '' });
  });

  it('creates the app from the spec when it does not exist yet', async () => {
    const name = `it-new-${++counter}`;
    const specFile = join(workspace, `${name}.yaml`);
    writeFileSync(specFile, JSON.stringify(serviceSpec(name)));
    const run = await deploy({ name, appId: '', specFile }, { create: 'true', 'project-id': 'proj-42' });
    expect(errorLine(run)).toBe('');
    expect(run.code).toBe(0);
    const created = [...emulator.apps.values()].find((a) => a.spec.name === name)!;
    expect(run.outputs).toMatchObject({
      'app-id': created.id,
      'previous-deployment-id': '',
      phase: 'ACTIVE',
    });
    expect(created.projectId).toBe('proj-42');
  });

  it('refuses bad input before any request', async () => {
    const app = await seed();
    const before = emulator.requests.length;
    const run = await deploy(app, { images: 'nosuch=ghcr.io/acme/web:1' });
    expect(run.code).toBe(1);
    expect(errorLine(run)).toBe(
      "::error::Input 'images': expected a component of the app spec (web), got 'nosuch'.",
    );
    expect(emulator.requests.length).toBe(before);
  });

  it('sent only requests the OpenAPI description allows', () => {
    const validator = appsContract();
    const api = emulator.requests.filter((r) => r.path.startsWith('/v2/'));
    expect(api.length).toBeGreaterThan(10);
    const checked = api.map((r) => ({
      r,
      result: validator.validateRequest(r.method, r.query ? `${r.path}?${r.query}` : r.path, r.requestBody),
    }));
    const operations = new Set(checked.map(({ result }) => result.operationId));
    for (const used of [
      'apps_list',
      'apps_create',
      'apps_get',
      'apps_update',
      'apps_list_deployments',
      'apps_get_deployment',
      'apps_cancel_deployment',
      'apps_get_logs',
      'apps_validate_rollback',
      'apps_create_rollback',
      'apps_commit_rollback',
    ])
      expect([used, operations.has(used)]).toEqual([used, true]);
    const invalid = checked
      .filter(({ result }) => !result.valid)
      .map(({ r, result }) => `${r.method} ${r.path}: ${result.errors.join('; ')}`);
    expect(invalid).toEqual([]);
  });
});
