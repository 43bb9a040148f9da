import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { node24, repoRoot } from '../../local/run-action.js';

const dir = mkdtempSync(join(tmpdir(), 'do-emulator-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the emulator CLI', () => {
  it('serves a seeded app until it is told to stop', async () => {
    const spec = join(dir, 'app.yaml');
    writeFileSync(
      spec,
      'name: cli-app\nworkers:\n  - name: queue\n    image: {registry_type: GHCR, repository: acme/queue}\n',
    );
    const child = spawn(
      node24,
      [
        '--experimental-transform-types',
        '--no-warnings',
        'scripts/ts-run.mjs',
        'local/do-emulator/cli.ts',
        '--spec',
        spec,
        '--token',
        'cli-token',
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const [line] = (await once(child.stdout, 'data')).map(String);
    const { url, token, appId } = JSON.parse(line);
    expect(token).toBe('cli-token');
    const res = await fetch(`${url}/v2/apps/${appId}`, { headers: { authorization: 'Bearer cli-token' } });
    const body = (await res.json()) as {
      app: { spec: { name: string }; active_deployment: { phase: string } };
    };
    expect(body.app.spec.name).toBe('cli-app');
    expect(body.app.active_deployment.phase).toBe('ACTIVE');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
