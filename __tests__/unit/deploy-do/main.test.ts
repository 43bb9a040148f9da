import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordingRunner } from '../../../lib/runner.js';
import { run } from '../../../actions/deploy-do/src/main.js';
import { DIGEST, json, on, scriptedFetch, virtualClock } from './fakes.js';

const dir = mkdtempSync(join(tmpdir(), 'deploy-do-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'app.yaml'),
  `name: shop
services:
  - name: web
    image: { registry_type: GHCR, registry: acme, repository: web, tag: latest }
    envs:
      - { key: DB_PASSWORD, value: "\${DB_PASSWORD}", type: SECRET }
`,
);

describe('main', () => {
  it('sets every output, masks the token and secret values, and writes a summary without them', async () => {
    const app = {
      id: 'app-1',
      spec: { name: 'shop' },
      active_deployment: { id: 'dep-0', phase: 'ACTIVE' },
      live_url: 'https://shop.example',
    };
    const fetch = scriptedFetch(
      on('GET', '/v2/apps', () => json({ apps: [app], links: {}, meta: { total: 1 } })),
      on('GET', '/v2/apps/app-1', () => json({ app })),
      on('GET', '/v2/apps/app-1/deployments', () => json({ deployments: [app.active_deployment] })),
      on('PUT', '/v2/apps/app-1', () =>
        json({
          app: {
            ...app,
            pending_deployment: { id: 'dep-1', phase: 'PENDING_BUILD', cause: 'app spec updated' },
          },
        }),
      ),
      on('GET', '/v2/apps/app-1/deployments/dep-1', () =>
        json({ deployment: { id: 'dep-1', phase: 'ACTIVE', cause: 'app spec updated' } }),
      ),
    );
    const runner = recordingRunner({
      token: 'dop_v1_secret',
      'app-name': 'shop',
      spec: 'app.yaml',
      images: `web=ghcr.io/acme/web@${DIGEST}`,
      'api-url': 'https://api.test',
    });
    const result = await run(runner, {
      env: { GITHUB_WORKSPACE: dir, DB_PASSWORD: 'pw-s3cret', RUNNER_TEMP: dir },
      fetch,
      clock: virtualClock(),
      signal: new AbortController().signal,
    });
    expect(result?.ok).toBe(true);
    expect(runner.failed).toBeUndefined();
    expect(runner.secrets).toEqual(expect.arrayContaining(['dop_v1_secret', 'pw-s3cret']));
    expect(runner.outputs).toEqual({
      'app-id': 'app-1',
      'deployment-id': 'dep-1',
      'previous-deployment-id': 'dep-0',
      phase: 'ACTIVE',
      'live-url': 'https://shop.example',
      'logs-file': '',
    });
    const summary = runner.summary.join('\n');
    expect(summary).toContain('`dep-1` (app spec updated)');
    expect(summary).toContain('https://shop.example');
    expect(summary).toContain(`ghcr.io/acme/web@${DIGEST}`);
    const everything = summary + runner.lines.join('\n');
    expect(everything).not.toContain('pw-s3cret');
    expect(everything).not.toContain('dop_v1_secret');
    const sent = fetch.calls.find((c) => c.method === 'PUT')!.body as {
      spec: { services: { envs: unknown[] }[] };
    };
    expect(sent.spec.services[0].envs).toEqual([{ key: 'DB_PASSWORD', value: 'pw-s3cret', type: 'SECRET' }]);
  });
});
