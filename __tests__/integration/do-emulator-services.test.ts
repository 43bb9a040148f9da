import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  contractViolations,
  spawnService,
  startEmulator,
  type AppSpec,
  type Emulator,
} from '../../local/do-emulator/index.js';

let dir: string;
let server: string;
let emu: Emulator | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'do-emulator-services-'));
  server = join(dir, 'server.mjs');
  writeFileSync(
    server,
    `import { createServer } from 'node:http';
const s = createServer((req, res) => res.end(JSON.stringify({ greeting: process.env.GREETING, build: process.env.BUILD_ONLY ?? null, port: process.env.PORT })));
s.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + s.address().port));
process.on('SIGTERM', () => s.close(() => process.exit(0)));
`,
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

afterEach(async () => {
  if (!emu) return;
  expect(contractViolations(emu.requests)).toEqual([]);
  await emu.close();
  emu = undefined;
});

const spec = (greeting: string): AppSpec => ({
  name: 'hello-app',
  envs: [{ key: 'BUILD_ONLY', value: 'x', scope: 'BUILD_TIME' }],
  services: [
    {
      name: 'web',
      http_port: 8080,
      image: { registry_type: 'GHCR', registry: 'acme', repository: 'web', tag: greeting },
      envs: [{ key: 'GREETING', value: greeting, scope: 'RUN_TIME', type: 'SECRET' }],
    },
  ],
});

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${emu!.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${emu!.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json() as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function waitForEnd(appId: string, id: string): Promise<string> {
  for (let i = 0; i < 250; i++) {
    const { deployment } = await call('GET', `/v2/apps/${appId}/deployments/${id}`);
    if (['ACTIVE', 'ERROR', 'CANCELED', 'SUPERSEDED'].includes(deployment.phase)) return deployment.phase;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`deployment ${id} did not end`);
}

const node = () => ({ command: process.execPath, args: [server] });

describe('local services behind live_url', () => {
  it('starts the service with the spec env, points live_url at it, and stops it when superseded', async () => {
    emu = await startEmulator({ phaseMs: 30, runService: spawnService({ command: node }) });
    const created = await call('POST', '/v2/apps', { spec: spec('hello') });
    const appId = created.app.id;
    expect(await waitForEnd(appId, created.app.pending_deployment.id)).toBe('ACTIVE');
    const first = (await call('GET', `/v2/apps/${appId}`)).app.live_url;
    expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(first)).json()).toEqual({ greeting: 'hello', build: null, port: '0' });

    const updated = await call('PUT', `/v2/apps/${appId}`, { spec: spec('bonjour') });
    expect(await waitForEnd(appId, updated.app.pending_deployment.id)).toBe('ACTIVE');
    const second = (await call('GET', `/v2/apps/${appId}`)).app.live_url;
    expect(second).not.toBe(first);
    expect(((await (await fetch(second)).json()) as { greeting: string }).greeting).toBe('bonjour');
    await expect(fetch(first)).rejects.toThrow();
  });

  it('gives the process the spec http_port when asked', async () => {
    const ports: number[] = [];
    emu = await startEmulator({
      phaseMs: 10,
      runService: async (component, context) => {
        ports.push(context.port);
        expect(context.env).toEqual({ GREETING: 'hi', PORT: '8080' });
        expect(component).toMatchObject({ name: 'web', kind: 'service' });
        return { url: 'http://127.0.0.1:9', stop: () => undefined };
      },
    });
    const created = await call('POST', '/v2/apps', { spec: spec('hi') });
    expect(await waitForEnd(created.app.id, created.app.pending_deployment.id)).toBe('ACTIVE');
    expect(ports).toEqual([8080]);
    expect((await call('GET', `/v2/apps/${created.app.id}`)).app.live_url).toBe('http://127.0.0.1:9');
  });

  it('fails the deployment at the deploy step when the process cannot start', async () => {
    writeFileSync(join(dir, 'crash.mjs'), `console.error('boom: missing DATABASE_URL'); process.exit(3);`);
    emu = await startEmulator({
      phaseMs: 30,
      runService: spawnService({
        command: () => ({ command: process.execPath, args: [join(dir, 'crash.mjs')] }),
      }),
    });
    const created = await call('POST', '/v2/apps', { spec: spec('x') });
    const id = created.app.pending_deployment.id;
    expect(await waitForEnd(created.app.id, id)).toBe('ERROR');
    const { deployment } = await call('GET', `/v2/apps/${created.app.id}/deployments/${id}`);
    const web = deployment.progress.steps[1].steps[1].steps[0];
    expect(web.steps[0]).toMatchObject({
      name: 'deploy',
      status: 'ERROR',
      reason: {
        code: 'DeployContainerExitNonZero',
        message: expect.stringMatching(/boom: missing DATABASE_URL/),
      },
    });
    expect((await call('GET', `/v2/apps/${created.app.id}`)).app.live_url).toBeUndefined();
  });

  it('starts nothing for a worker-only app and gives it no live URL', async () => {
    let started = 0;
    emu = await startEmulator({
      phaseMs: 10,
      runService: async () => {
        started++;
        return { url: 'http://127.0.0.1:9', stop: () => undefined };
      },
    });
    const created = await call('POST', '/v2/apps', {
      spec: {
        name: 'worker-app',
        workers: [{ name: 'queue', image: { registry_type: 'GHCR', repository: 'q' } }],
      },
    });
    expect(await waitForEnd(created.app.id, created.app.pending_deployment.id)).toBe('ACTIVE');
    expect(started).toBe(0);
    expect((await call('GET', `/v2/apps/${created.app.id}`)).app.live_url).toBeUndefined();
  });

  it('stops running services on close', async () => {
    emu = await startEmulator({ phaseMs: 10, runService: spawnService({ command: node }) });
    const app = await emu.seedApp(spec('bye'));
    const url = emu.appJson(app.id).live_url as string;
    expect(((await (await fetch(url)).json()) as { greeting: string }).greeting).toBe('bye');
    await emu.close();
    emu = undefined;
    await expect(fetch(url)).rejects.toThrow();
  });
});
