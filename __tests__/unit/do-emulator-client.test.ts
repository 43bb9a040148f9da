// The emulator against the shared HTTP client (lib/http.ts) in virtual time: retries honour
// the emulator's retry-after, and a PUT whose response was lost is not sent twice.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { HttpError, requestWithRetry } from '../../lib/http.js';
import {
  contractViolations,
  startEmulator,
  virtualClock,
  type AppSpec,
  type Emulator,
  type VirtualClock,
} from '../../local/do-emulator/index.js';

const spec = (tag: string): AppSpec => ({
  name: 'client-app',
  services: [
    {
      name: 'web',
      http_port: 3000,
      image: { registry_type: 'GHCR', registry: 'acme', repository: 'web', tag },
    },
  ],
});

let emu: Emulator;
let clock: VirtualClock;

beforeEach(async () => {
  clock = virtualClock();
  emu = await startEmulator({ clock });
});

afterEach(async () => {
  expect(contractViolations(emu.requests)).toEqual([]);
  await emu.close();
});

const request = (method: string, path: string, body?: unknown) =>
  requestWithRetry(
    `${emu.url}${path}`,
    {
      method,
      headers: { authorization: `Bearer ${emu.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      retry: { attempts: 6, baseDelayMs: 100 },
    },
    { clock },
  );

describe('the emulator with lib/http', () => {
  it('makes the client wait out a 429 storm by retry-after', async () => {
    const app = await emu.seedApp(spec('v1'));
    emu.fault({ type: 'status', status: 429, times: 3, retryAfter: 7 });
    const start = clock.now();
    const res = await request('GET', `/v2/apps/${app.id}`);
    expect(res.status).toBe(200);
    expect(clock.now() - start).toBeGreaterThanOrEqual(21_000);
    expect(emu.requests.map((r) => r.status)).toEqual([429, 429, 429, 200]);
  });

  it('lets an idempotent GET through 5xx and resets', async () => {
    const app = await emu.seedApp(spec('v1'));
    emu.fault({ type: 'status', status: 502, times: 2 });
    emu.fault({ type: 'reset', times: 1, match: { method: 'GET' } });
    const res = await request('GET', `/v2/apps/${app.id}`);
    expect(res.status).toBe(200);
    expect(emu.requests.map((r) => r.status)).toEqual([502, 502, 0, 200]);
  });

  it('does not repeat a POST that may have reached the server', async () => {
    const app = await emu.seedApp(spec('v1'));
    emu.fault({ type: 'reset', when: 'after', match: { method: 'POST' } });
    await expect(request('POST', `/v2/apps/${app.id}/deployments`, {})).rejects.toThrow(HttpError);
    expect(emu.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(emu.apps.get(app.id)!.deployments).toHaveLength(2);
  });

  it('runs a whole deployment in virtual time', async () => {
    await emu.close();
    emu = await startEmulator({ clock, phaseMs: { BUILDING: 10 * 60_000, DEPLOYING: 5 * 60_000 } });
    const app = await emu.seedApp(spec('v1'));
    const put = await request('PUT', `/v2/apps/${app.id}`, { spec: spec('v2') });
    const id = ((await put.json()) as { app: { pending_deployment: { id: string } } }).app.pending_deployment
      .id;
    const start = clock.now();
    let phase = '';
    while (!['ACTIVE', 'ERROR'].includes(phase)) {
      await clock.sleep(10_000);
      const res = await request('GET', `/v2/apps/${app.id}/deployments/${id}`);
      phase = ((await res.json()) as { deployment: { phase: string } }).deployment.phase;
    }
    expect(phase).toBe('ACTIVE');
    // 100 ms + 10 min + 100 ms + 5 min of phases, noticed at the next 10 s poll.
    expect(clock.now() - start).toBe(910_000);
  });
});
