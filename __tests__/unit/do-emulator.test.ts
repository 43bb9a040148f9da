import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  contractViolations,
  startEmulator,
  virtualClock,
  type AppSpec,
  type Emulator,
  type ProgressStep,
  type VirtualClock,
} from '../../local/do-emulator/index.js';

const phaseMs = { PENDING_BUILD: 1_000, BUILDING: 10_000, PENDING_DEPLOY: 1_000, DEPLOYING: 5_000 };
const total = 17_000;
const digest = `sha256:${'a'.repeat(64)}`;

const webSpec = (tag = 'v1'): AppSpec => ({
  name: 'sample-app',
  region: 'ams',
  services: [
    {
      name: 'web',
      http_port: 8080,
      image: { registry_type: 'GHCR', registry: 'acme', repository: 'web', tag },
      envs: [{ key: 'GREETING', value: 'hello', scope: 'RUN_TIME', type: 'GENERAL' }],
    },
  ],
  workers: [
    { name: 'queue', image: { registry_type: 'GHCR', registry: 'acme', repository: 'queue', digest } },
  ],
});

const workerSpec: AppSpec = {
  name: 'cron-only',
  workers: [
    { name: 'queue', image: { registry_type: 'GHCR', registry: 'acme', repository: 'queue', digest } },
  ],
};

interface Reply {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

let emu: Emulator;
let clock: VirtualClock;
let call: (method: string, path: string, body?: unknown, token?: string) => Promise<Reply>;

beforeEach(async () => {
  clock = virtualClock();
  emu = await startEmulator({ clock, phaseMs, token: 'test-token' });
  call = async (method, path, body, token = emu.token) => {
    const res = await fetch(`${emu.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
});

afterEach(async () => {
  // Every exchange of every test: the requests sent and the responses returned.
  expect(contractViolations(emu.requests)).toEqual([]);
  await emu.close();
});

async function createApp(spec: AppSpec = webSpec()) {
  const created = await call('POST', '/v2/apps', { spec });
  expect(created.status).toBe(200);
  return {
    appId: created.body.app.id as string,
    deploymentId: created.body.app.pending_deployment.id as string,
  };
}

async function deployment(appId: string, id: string) {
  const reply = await call('GET', `/v2/apps/${appId}/deployments/${id}`);
  expect(reply.status).toBe(200);
  return reply.body.deployment;
}

function findStep(steps: ProgressStep[], path: string[]): ProgressStep | undefined {
  const [first, ...rest] = path;
  const step = steps.find((s) => s.name === first);
  return rest.length && step ? findStep(step.steps ?? [], rest) : step;
}

function failedSteps(steps: ProgressStep[]): ProgressStep[] {
  return steps.flatMap((s) => [
    ...(s.reason && s.status === 'ERROR' ? [s] : []),
    ...failedSteps(s.steps ?? []),
  ]);
}

describe('apps and deployments', () => {
  it('creates an app whose first deployment moves through the phases on the clock', async () => {
    const created = await call('POST', '/v2/apps', { spec: webSpec() });
    expect(created.body.app.pending_deployment).toMatchObject({
      phase: 'PENDING_BUILD',
      cause: 'initial deployment',
    });
    expect(created.body.app.live_url).toBeUndefined();
    const { id: appId } = created.body.app;
    const id = created.body.app.pending_deployment.id;
    const seen: string[] = [];
    for (let t = 0; t <= total; t += 500) {
      clock.set(Date.parse('2026-01-01T00:00:00Z') + t);
      const phase = (await deployment(appId, id)).phase;
      if (seen[seen.length - 1] !== phase) seen.push(phase);
    }
    expect(seen).toEqual(['PENDING_BUILD', 'BUILDING', 'PENDING_DEPLOY', 'DEPLOYING', 'ACTIVE']);
    const app = (await call('GET', `/v2/apps/${appId}`)).body.app;
    expect(app.active_deployment.id).toBe(id);
    expect(app.in_progress_deployment).toBeUndefined();
    expect(app.live_url).toMatch(/^https:\/\/sample-app-[0-9a-f]{5}\.ondigitalocean\.app$/);
  });

  it('shows progress steps as the API does: build then deploy, per component, with counts', async () => {
    const { appId, deploymentId } = await createApp();
    clock.advance(1_000 + 5_000);
    const building = await deployment(appId, deploymentId);
    expect(building.phase).toBe('BUILDING');
    expect(findStep(building.progress.steps, ['build', 'initialize'])?.status).toBe('SUCCESS');
    expect(findStep(building.progress.steps, ['build', 'components', 'web'])).toMatchObject({
      status: 'RUNNING',
      component_name: 'web',
      message_base: 'Building service',
    });
    expect(findStep(building.progress.steps, ['deploy'])?.status).toBe('PENDING');
    expect(building.progress).toMatchObject({
      total_steps: 9,
      success_steps: 1,
      running_steps: 2,
      pending_steps: 6,
    });

    clock.advance(6_000 + 3_000);
    const deploying = await deployment(appId, deploymentId);
    expect(deploying.phase).toBe('DEPLOYING');
    expect(findStep(deploying.progress.steps, ['deploy', 'components', 'web', 'deploy'])?.status).toBe(
      'SUCCESS',
    );
    expect(findStep(deploying.progress.steps, ['deploy', 'components', 'web', 'wait'])).toMatchObject({
      status: 'RUNNING',
      message_base: 'Waiting for service',
    });
    clock.advance(10_000);
    const active = await deployment(appId, deploymentId);
    expect(active.progress).toMatchObject({ total_steps: 9, success_steps: 9, error_steps: 0 });
    expect(active.services).toEqual([{ name: 'web' }]);
    expect(active.workers).toEqual([{ name: 'queue' }]);
  });

  it('notes skipped builds of pre-built images on successful steps, as the API does', async () => {
    const { appId, deploymentId } = await createApp();
    clock.advance(total);
    const active = await deployment(appId, deploymentId);
    expect(findStep(active.progress.steps, ['build', 'components', 'queue'])).toMatchObject({
      status: 'SUCCESS',
      reason: {
        code: 'PreBuiltImage',
        message: expect.stringMatching(/skipped because you specified a pre-built image/),
      },
    });
    expect(failedSteps(active.progress.steps)).toEqual([]);
  });

  it('leaves FAILED_DEPLOY jobs pending in an ACTIVE deployment, so step counts do not tell success', async () => {
    const spec: AppSpec = {
      ...webSpec(),
      jobs: [
        {
          name: 'notify',
          kind: 'FAILED_DEPLOY',
          image: { registry_type: 'GHCR', repository: 'notify', digest },
        },
      ],
    };
    const { appId, deploymentId } = await createApp(spec);
    clock.advance(total);
    const active = await deployment(appId, deploymentId);
    expect(active.phase).toBe('ACTIVE');
    expect(active.progress.pending_steps).toBe(2);
    expect(active.progress.success_steps).toBe(active.progress.total_steps - 2);
    expect(findStep(active.progress.steps, ['deploy'])?.status).toBe('SUCCESS');
    expect(findStep(active.progress.steps, ['deploy', 'components', 'notify'])?.status).toBe('PENDING');
  });

  it('deploys a changed spec, not an identical one, and supersedes the old deployment when the new one is ACTIVE', async () => {
    const { appId, deploymentId: first } = await createApp();
    clock.advance(total);
    const same = await call('PUT', `/v2/apps/${appId}`, { spec: webSpec() });
    expect(same.status).toBe(200);
    expect(same.body.app.pending_deployment).toBeUndefined();

    const changed = await call('PUT', `/v2/apps/${appId}`, { spec: webSpec('v2') });
    const second = changed.body.app.pending_deployment;
    expect(second).toMatchObject({ phase: 'PENDING_BUILD', cause: 'app spec updated' });
    expect(second.spec.services[0].image.tag).toBe('v2');
    expect((await call('GET', `/v2/apps/${appId}`)).body.app.pending_deployment.id).toBe(second.id);
    clock.advance(1_000);
    expect((await call('GET', `/v2/apps/${appId}`)).body.app.pending_deployment).toBeUndefined();
    clock.advance(total - 1 - 1_000);
    expect((await deployment(appId, first)).phase).toBe('ACTIVE');
    expect((await call('GET', `/v2/apps/${appId}`)).body.app.in_progress_deployment.id).toBe(second.id);
    clock.advance(1);
    expect((await deployment(appId, second.id)).phase).toBe('ACTIVE');
    expect((await deployment(appId, first)).phase).toBe('SUPERSEDED');
    expect((await call('GET', `/v2/apps/${appId}`)).body.app.active_deployment.id).toBe(second.id);
  });

  it('creates deployments on request, with force_build, and lists them newest first with pagination', async () => {
    const { appId, deploymentId: first } = await createApp();
    clock.advance(total);
    const forced = await call('POST', `/v2/apps/${appId}/deployments`, { force_build: true });
    expect(forced.body.deployment).toMatchObject({ phase: 'PENDING_BUILD', cause: 'manual (force rebuild)' });
    const page1 = await call('GET', `/v2/apps/${appId}/deployments?per_page=1`);
    expect(page1.body.deployments.map((d: { id: string }) => d.id)).toEqual([forced.body.deployment.id]);
    expect(page1.body.meta).toEqual({ total: 2 });
    expect(page1.body.links.pages.next).toBe(`${emu.url}/v2/apps/${appId}/deployments?page=2&per_page=1`);
    const page2 = await call('GET', `/v2/apps/${appId}/deployments?per_page=1&page=2`);
    expect(page2.body.deployments[0].id).toBe(first);
    clock.advance(total);
    const logs = await call(
      'GET',
      `/v2/apps/${appId}/deployments/${forced.body.deployment.id}/components/web/logs?type=BUILD`,
    );
    const text = await (await fetch(logs.body.historic_urls[0])).text();
    expect(text).toMatch(/force build requested/);
  });

  it('finds an app by name and lists apps', async () => {
    const { appId } = await createApp();
    expect((await call('GET', `/v2/apps/ignored?name=sample-app`)).body.app.id).toBe(appId);
    const list = await call('GET', '/v2/apps');
    expect(list.body.apps.map((a: { id: string }) => a.id)).toEqual([appId]);
    expect(list.body.meta.total).toBe(1);
    expect((await call('POST', '/v2/apps', { spec: webSpec() })).status).toBe(409);
  });

  it('refuses invalid specs the way the API does', async () => {
    const bad = await call('POST', '/v2/apps', { spec: { ...webSpec(), services: [{ name: 'Web_1' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      id: 'invalid_argument',
      message: expect.stringMatching(/service name/),
    });
    const { appId } = await createApp();
    const dup = await call('PUT', `/v2/apps/${appId}`, {
      spec: { ...webSpec(), workers: [{ name: 'web', image: { registry_type: 'GHCR', repository: 'x' } }] },
    });
    expect(dup.body.message).toMatch(/component name "web" is used twice/);
    const digestless = await call('PUT', `/v2/apps/${appId}`, {
      spec: {
        name: 'sample-app',
        services: [{ name: 'web', image: { registry_type: 'GHCR', repository: 'x', digest: 'sha256:12' } }],
      },
    });
    expect(digestless.status).toBe(400);
    // The contract check would (rightly) flag the invalid spec these requests sent.
    emu.requests.splice(0, emu.requests.length, ...emu.requests.filter((r) => r.status !== 400));
  });

  it('returns SECRET env values encrypted, and takes them back unchanged', async () => {
    const secretSpec: AppSpec = {
      ...webSpec(),
      envs: [
        { key: 'API_KEY', value: 's3cr3t-value', type: 'SECRET', scope: 'RUN_TIME' },
        { key: 'MODE', value: 'plain', type: 'GENERAL' },
      ],
    };
    const { appId } = await createApp(secretSpec);
    clock.advance(total);
    const got = await call('GET', `/v2/apps/${appId}`);
    expect(JSON.stringify(got.body)).not.toContain('s3cr3t-value');
    expect(got.body.app.spec.envs[0].value).toMatch(/^EV\[1:[^:]+:[^\]]+\]$/);
    expect(got.body.app.spec.envs[1].value).toBe('plain');
    const back = await call('PUT', `/v2/apps/${appId}`, { spec: got.body.app.spec });
    expect(back.body.app.pending_deployment).toBeUndefined();
    const forged = structuredClone(got.body.app.spec);
    forged.envs[0].value = 'EV[1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAAAA]';
    const refused = await call('PUT', `/v2/apps/${appId}`, { spec: forged });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/could not be decrypted/);
  });

  it('gives worker-only apps no live URL', async () => {
    const { appId, deploymentId } = await createApp(workerSpec);
    clock.advance(total);
    const app = (await call('GET', `/v2/apps/${appId}`)).body.app;
    expect(app.active_deployment.id).toBe(deploymentId);
    expect(app.live_url).toBeUndefined();
    expect(app.default_ingress).toBeUndefined();
  });

  it('deletes apps', async () => {
    const { appId } = await createApp();
    expect((await call('DELETE', `/v2/apps/${appId}`)).body).toEqual({ id: appId });
    expect((await call('GET', `/v2/apps/${appId}`)).status).toBe(404);
  });
});

describe('auth, errors and rate limits', () => {
  it('answers 401 in the error shape without a valid bearer token', async () => {
    const reply = await call('GET', '/v2/apps', undefined, 'wrong');
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({
      id: 'unauthorized',
      message: 'Unable to authenticate you',
      request_id: expect.any(String),
    });
    expect(reply.headers.get('ratelimit-limit')).toBe('5000');
  });

  it('answers 404 for unknown apps and deployments, 400 for bad JSON', async () => {
    expect((await call('GET', '/v2/apps/nope')).body).toMatchObject({ id: 'not_found' });
    const { appId } = await createApp();
    expect((await call('GET', `/v2/apps/${appId}/deployments/nope`)).status).toBe(404);
    const raw = await fetch(`${emu.url}/v2/apps`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.token}`, 'content-type': 'application/json' },
      body: '{"spec": ',
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ id: 'bad_request' });
    emu.requests.pop(); // deliberately not a valid request
  });

  it('sends ratelimit headers that count down, and 429 with retry-after past the per-minute limit', async () => {
    await emu.close();
    emu = await startEmulator({ clock, token: 'test-token', rateLimit: { perMinute: 3 } });
    const first = await call('GET', '/v2/apps');
    const second = await call('GET', '/v2/apps');
    expect(
      Number(first.headers.get('ratelimit-remaining')) - Number(second.headers.get('ratelimit-remaining')),
    ).toBe(1);
    expect(Number(first.headers.get('ratelimit-reset'))).toBe(Math.ceil((clock.now() + 3_600_000) / 1000));
    await call('GET', '/v2/apps');
    const limited = await call('GET', '/v2/apps');
    expect(limited.status).toBe(429);
    expect(limited.body.id).toBe('too_many_requests');
    expect(limited.headers.get('retry-after')).toBe('60');
    clock.advance(60_001);
    expect((await call('GET', '/v2/apps')).status).toBe(200);
  });
});

describe('scripted HTTP faults', () => {
  it('runs a 429 storm with retry-after, then answers', async () => {
    emu.fault({ type: 'status', status: 429, times: 3, retryAfter: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const reply = await call('GET', '/v2/apps');
      statuses.push([reply.status, reply.headers.get('retry-after')]);
    }
    expect(statuses).toEqual([
      [429, '2'],
      [429, '2'],
      [429, '2'],
      [200, null],
    ]);
  });

  it('answers 5xx only to matching requests', async () => {
    const { appId } = await createApp();
    emu.fault({ type: 'status', status: 503, times: 2, match: { method: 'GET', path: /\/deployments\// } });
    expect((await call('GET', `/v2/apps/${appId}`)).status).toBe(200);
    const failed = await call('GET', `/v2/apps/${appId}/deployments/x`);
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ id: 'service_unavailable', request_id: expect.any(String) });
    expect(emu.pendingFaults()).toHaveLength(1);
    emu.fault({ type: 'status', status: 500 });
    expect((await call('GET', '/v2/apps')).body.id).toBe('server_error');
  });

  it('resets connections before a request takes effect', async () => {
    emu.fault({ type: 'reset', match: { method: 'POST' } });
    await expect(call('POST', '/v2/apps', { spec: webSpec() })).rejects.toThrow();
    expect(emu.apps.size).toBe(0);
    expect(emu.requests[0]).toMatchObject({ status: 0, fault: 'reset' });
  });

  it('resets a PUT after it took effect: the deployment exists though the client saw no answer', async () => {
    const { appId } = await createApp();
    emu.fault({ type: 'reset', when: 'after', match: { method: 'PUT' } });
    await expect(call('PUT', `/v2/apps/${appId}`, { spec: webSpec('v2') })).rejects.toThrow();
    const list = await call('GET', `/v2/apps/${appId}/deployments`);
    expect(list.body.deployments).toHaveLength(2);
    expect(list.body.deployments[0].cause).toBe('app spec updated');
  });
});

describe('scripted deployment faults', () => {
  it('fails a build with the reason on the failed step and the BUILD log', async () => {
    emu.fault({
      type: 'build-error',
      component: 'web',
      reason: { message: 'npm run build exited with code 1' },
      logTail: ['npm ERR! missing script: build'],
    });
    const { appId, deploymentId } = await createApp();
    clock.advance(1_000 + 9_999);
    expect((await deployment(appId, deploymentId)).phase).toBe('BUILDING');
    clock.advance(1);
    const failed = await deployment(appId, deploymentId);
    expect(failed.phase).toBe('ERROR');
    expect(failed.progress.error_steps).toBe(1);
    expect(failedSteps(failed.progress.steps)).toEqual([
      expect.objectContaining({
        name: 'web',
        component_name: 'web',
        reason: { code: 'BuildJobExitNonZero', message: 'npm run build exited with code 1' },
      }),
    ]);
    expect(findStep(failed.progress.steps, ['deploy'])?.status).toBe('PENDING');
    const logs = await call(
      'GET',
      `/v2/apps/${appId}/deployments/${deploymentId}/components/web/logs?type=BUILD`,
    );
    expect(logs.body.historic_urls).toHaveLength(1);
    const text = await (await fetch(logs.body.historic_urls[0])).text();
    expect(text.trim().split('\n').slice(-2)).toEqual([
      expect.stringMatching(/ web npm ERR! missing script: build$/),
      expect.stringMatching(/ web build failed: npm run build exited with code 1$/),
    ]);
    const deployLogs = await call(
      'GET',
      `/v2/apps/${appId}/deployments/${deploymentId}/components/web/logs?type=DEPLOY`,
    );
    expect(deployLogs.body.historic_urls).toEqual([]);
    clock.advance(60_000);
    expect((await call('GET', `/v2/apps/${appId}`)).body.app.active_deployment).toBeUndefined();
  });

  it('fails a deploy at the health-check step with DEPLOY logs', async () => {
    const { appId } = await createApp();
    clock.advance(total);
    emu.fault({ type: 'deploy-error', component: 'queue' });
    const { body } = await call('PUT', `/v2/apps/${appId}`, { spec: webSpec('v2') });
    const id = body.app.pending_deployment.id;
    clock.advance(total);
    const failed = await deployment(appId, id);
    expect(failed.phase).toBe('ERROR');
    expect(failedSteps(failed.progress.steps)).toEqual([
      expect.objectContaining({
        name: 'wait',
        component_name: 'queue',
        reason: expect.objectContaining({ code: 'DeployContainerHealthChecksFailed' }),
      }),
    ]);
    const logs = await call('GET', `/v2/apps/${appId}/deployments/${id}/components/queue/logs?type=DEPLOY`);
    expect(await (await fetch(logs.body.historic_urls[0])).text()).toMatch(
      /deploy failed: Your deploy failed because your container did not pass health checks/,
    );
    expect((await call('GET', `/v2/apps/${appId}`)).body.app.active_deployment.id).not.toBe(id);
  });

  it('supersedes a deployment midway with a newer one that goes ACTIVE', async () => {
    const { appId } = await createApp();
    clock.advance(total);
    emu.fault({ type: 'supersede', phase: 'BUILDING' });
    const { body } = await call('PUT', `/v2/apps/${appId}`, { spec: webSpec('v2') });
    const id = body.app.pending_deployment.id;
    clock.advance(1_000 + 4_999);
    expect((await deployment(appId, id)).phase).toBe('BUILDING');
    clock.advance(1);
    const superseded = await deployment(appId, id);
    expect(superseded.phase).toBe('SUPERSEDED');
    const app = (await call('GET', `/v2/apps/${appId}`)).body.app;
    expect(app.active_deployment.id).not.toBe(id);
    expect(app.active_deployment.phase).toBe('ACTIVE');
    expect(findStep(superseded.progress.steps, ['build', 'components', 'web'])?.reason?.message).toBe(
      `superseded by deployment ${app.active_deployment.id}`,
    );
  });

  it('hangs a deploy until it is canceled', async () => {
    emu.fault({ type: 'hang', phase: 'DEPLOYING' });
    const { appId, deploymentId } = await createApp();
    clock.advance(24 * 3_600_000);
    const stuck = await deployment(appId, deploymentId);
    expect(stuck.phase).toBe('DEPLOYING');
    expect(findStep(stuck.progress.steps, ['deploy', 'components', 'web', 'wait'])?.status).toBe('RUNNING');
    const canceled = await call('POST', `/v2/apps/${appId}/deployments/${deploymentId}/cancel`);
    expect(canceled.body.deployment.phase).toBe('CANCELED');
    clock.advance(1_000);
    expect((await deployment(appId, deploymentId)).phase).toBe('CANCELED');
    const again = await call('POST', `/v2/apps/${appId}/deployments/${deploymentId}/cancel`);
    expect(again.status).toBe(400);
    expect(again.body.message).toMatch(/is CANCELED/);
  });

  it('cuts steps short on cancel and keeps the log written so far', async () => {
    const { appId, deploymentId } = await createApp();
    clock.advance(1_000 + 5_000);
    const canceled = (await call('POST', `/v2/apps/${appId}/deployments/${deploymentId}/cancel`)).body
      .deployment;
    expect(canceled.phase).toBe('CANCELED');
    expect(findStep(canceled.progress.steps, ['build', 'components', 'web'])).toMatchObject({
      status: 'ERROR',
      reason: { code: 'DeploymentCanceled' },
    });
    expect(findStep(canceled.progress.steps, ['build', 'initialize'])?.status).toBe('SUCCESS');
    expect(findStep(canceled.progress.steps, ['deploy'])?.status).toBe('PENDING');
    clock.advance(60_000);
    const logs = await call(
      'GET',
      `/v2/apps/${appId}/deployments/${deploymentId}/components/web/logs?type=BUILD`,
    );
    const text = await (await fetch(logs.body.historic_urls[0])).text();
    expect(text).toMatch(/starting build of service web/);
    expect(text).not.toMatch(/build complete/);
  });

  it('writes large build logs when asked', async () => {
    emu.fault({ type: 'log-lines', lines: 5_000 });
    const { appId, deploymentId } = await createApp();
    clock.advance(total);
    const logs = await call(
      'GET',
      `/v2/apps/${appId}/deployments/${deploymentId}/components/web/logs?type=BUILD`,
    );
    const text = await (await fetch(logs.body.historic_urls[0])).text();
    expect(text.length).toBeGreaterThan(200_000);
  });
});

describe('logs', () => {
  it('serves live logs while a step runs and historic ones once it is over', async () => {
    const { appId, deploymentId } = await createApp();
    const path = `/v2/apps/${appId}/deployments/${deploymentId}/components/web/logs?type=BUILD`;
    clock.advance(1_000 + 5_000);
    const running = await call('GET', path);
    expect(running.body.historic_urls).toEqual([]);
    const partial = await (await fetch(running.body.live_url)).text();
    expect(partial).toMatch(/starting build of service web/);
    expect(partial).not.toMatch(/build complete/);
    clock.advance(5_000);
    const done = await call('GET', path);
    expect(await (await fetch(done.body.historic_urls[0])).text()).toMatch(/build complete for web\n$/);
    const all = await call('GET', `/v2/apps/${appId}/deployments/${deploymentId}/logs?type=BUILD`);
    const both = await (await fetch(all.body.historic_urls[0])).text();
    expect(both).toMatch(/ web build complete/);
    expect(both).toMatch(/ queue build complete/);
  });

  it('refuses unknown components, missing types, and log URLs without the secret', async () => {
    const { appId, deploymentId } = await createApp();
    clock.advance(total);
    expect(
      (await call('GET', `/v2/apps/${appId}/deployments/${deploymentId}/components/nope/logs?type=BUILD`))
        .status,
    ).toBe(404);
    expect(
      (await call('GET', `/v2/apps/${appId}/deployments/${deploymentId}/components/web/logs?type=RUN`))
        .status,
    ).toBe(400);
    const ok = await call(
      'GET',
      `/v2/apps/${appId}/deployments/${deploymentId}/components/web/logs?type=BUILD`,
    );
    const forged = ok.body.historic_urls[0].replace(/[0-9a-f]+$/, 'guess');
    expect((await fetch(forged)).status).toBe(403);
  });
});

describe('rollback', () => {
  async function twoReleases() {
    const { appId, deploymentId: v1 } = await createApp();
    clock.advance(total);
    const v2 = (await call('PUT', `/v2/apps/${appId}`, { spec: webSpec('v2') })).body.app.pending_deployment
      .id;
    clock.advance(total);
    return { appId, v1, v2 };
  }

  it('validates a target: warnings for tag-only images, refusals for bad targets', async () => {
    const { appId, v1, v2 } = await twoReleases();
    const valid = await call('POST', `/v2/apps/${appId}/rollback/validate`, { deployment_id: v1 });
    expect(valid.body).toEqual({
      valid: true,
      warnings: [expect.objectContaining({ code: 'image_source_missing_digest', components: ['web'] })],
    });
    const current = await call('POST', `/v2/apps/${appId}/rollback/validate`, { deployment_id: v2 });
    expect(current.body).toMatchObject({ valid: false, error: { code: 'incompatible_phase' } });
    emu.fault({ type: 'build-error' });
    const broken = (await call('POST', `/v2/apps/${appId}/deployments`, {})).body.deployment.id;
    clock.advance(total);
    const refused = await call('POST', `/v2/apps/${appId}/rollback/validate`, { deployment_id: broken });
    expect(refused.body).toMatchObject({
      valid: false,
      error: { code: 'incompatible_result', message: expect.stringMatching(/phase ERROR/) },
    });
    expect((await call('POST', `/v2/apps/${appId}/rollback`, { deployment_id: broken })).status).toBe(400);
  });

  it('rolls back, pins the app until commit, and serves the old spec', async () => {
    const { appId, v1 } = await twoReleases();
    const rollback = await call('POST', `/v2/apps/${appId}/rollback`, { deployment_id: v1 });
    const id = rollback.body.deployment.id;
    expect(rollback.body.deployment).toMatchObject({ cloned_from: v1, phase: 'PENDING_DEPLOY' });
    expect(rollback.body.deployment.spec.services[0].image.tag).toBe('v1');
    const pinned = (await call('GET', `/v2/apps/${appId}`)).body.app;
    expect(pinned.pinned_deployment.id).toBe(id);
    expect((await call('PUT', `/v2/apps/${appId}`, { spec: webSpec('v3') })).status).toBe(409);
    expect((await call('POST', `/v2/apps/${appId}/deployments`, {})).status).toBe(409);
    expect(
      (await call('POST', `/v2/apps/${appId}/rollback/validate`, { deployment_id: v1 })).body.error.code,
    ).toBe('app_pinned');
    clock.advance(total);
    expect((await deployment(appId, id)).phase).toBe('ACTIVE');
    const commit = await call('POST', `/v2/apps/${appId}/rollback/commit`);
    expect(commit.status).toBe(200);
    expect(commit.body).toBeUndefined();
    const app = (await call('GET', `/v2/apps/${appId}`)).body.app;
    expect(app.pinned_deployment).toBeUndefined();
    expect(app.spec.services[0].image.tag).toBe('v1');
    expect((await call('POST', `/v2/apps/${appId}/rollback/commit`)).status).toBe(400);
  });

  it('reverts a failed rollback to what was live before', async () => {
    const { appId, v1, v2 } = await twoReleases();
    emu.fault({ type: 'deploy-error' });
    const id = (await call('POST', `/v2/apps/${appId}/rollback`, { deployment_id: v1 })).body.deployment.id;
    clock.advance(total);
    expect((await deployment(appId, id)).phase).toBe('ERROR');
    const revert = await call('POST', `/v2/apps/${appId}/rollback/revert`);
    expect(revert.body.deployment).toMatchObject({
      cloned_from: v2,
      cause: `revert of rollback deployment ${id}`,
    });
    expect(revert.body.deployment.spec.services[0].image.tag).toBe('v2');
    clock.advance(total);
    const app = (await call('GET', `/v2/apps/${appId}`)).body.app;
    expect(app.pinned_deployment).toBeUndefined();
    expect(app.active_deployment.id).toBe(revert.body.deployment.id);
  });

  it('skips the pin when asked', async () => {
    const { appId, v1 } = await twoReleases();
    await call('POST', `/v2/apps/${appId}/rollback`, { deployment_id: v1, skip_pin: true });
    expect((await call('GET', `/v2/apps/${appId}`)).body.app.pinned_deployment).toBeUndefined();
  });
});

describe('the contract check itself', () => {
  it('reports a response that breaks the description', async () => {
    await call('GET', '/v2/apps');
    const tampered = emu.requests.map((r) => ({ ...r, responseBody: { apps: [{ id: 7 }] } }));
    expect(contractViolations(tampered).join('\n')).toMatch(
      /GET \/v2\/apps -> 200 response: \/apps\/0\/id must be string/,
    );
    const noHeaders = emu.requests.map((r) => ({ ...r, responseHeaders: {} }));
    expect(contractViolations(noHeaders).join('\n')).toMatch(/header ratelimit-limit missing/);
  });
});
