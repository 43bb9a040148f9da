// The committed bundle, run the way the runner runs it, against a real registry behind bearer auth.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryClient } from '../../lib/oci/client.js';
import { startRegistry, type LocalRegistry } from '../../local/registry.js';
import { runAction } from '../../local/run-action.js';
import { BUSYBOX } from '../../local/test-image.js';

const user = { username: 'ghcr-bot', password: 'ghp_bundleTestToken123' };
const SHA = '9a8b7c6d5e4f30211234567890abcdef98765432';
let registry: LocalRegistry;
let workspace: string;

beforeAll(async () => {
  registry = await startRegistry({ auth: { kind: 'bearer', ...user } });
  workspace = mkdtempSync(join(tmpdir(), 'build-image-bundle-'));
  mkdirSync(join(workspace, 'bin'));
  copyFileSync(BUSYBOX, join(workspace, 'bin', 'busybox'));
  writeFileSync(join(workspace, 'Dockerfile'), 'FROM scratch\nCOPY bin/busybox /bin/busybox\n');
});
afterAll(async () => {
  await registry?.stop();
  rmSync(workspace, { recursive: true, force: true });
});

const env = () => ({
  GITHUB_SHA: 'ffffffffffffffffffffffffffffffffffffffff',
  GITHUB_REF: 'refs/pull/7/merge',
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_REPOSITORY: 'Acme/Shop',
  GITHUB_SERVER_URL: 'https://github.com',
});
const event = { number: 7, pull_request: { number: 7, head: { sha: SHA, ref: 'feature/cart' } } };

describe('build-image bundle', () => {
  it('builds a PR image with buildah, tags the head SHA and pr-<n>, and promotes it', async () => {
    const image = `${registry.host}/Acme/Shop`;
    const built = await runAction('build-image', {
      inputs: { image, environment: 'staging', builder: 'buildah', ...user },
      env: env(),
      event,
      cwd: workspace,
      timeoutMs: 60_000,
    });
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(built.stdout).toContain('::notice::Image name');
    expect(built.stdout).toContain('::group::Build with buildah');
    expect(built.stdout).toContain(`::add-mask::${user.password}`);
    expect(built.stdout.replace(`::add-mask::${user.password}`, '')).not.toContain(user.password);
    const name = `${registry.host}/acme/shop`;
    expect(built.outputs.tags.split('\n')).toEqual([
      `${name}:staging-latest`,
      `${name}:staging-9a8b7c6`,
      `${name}:pr-7`,
    ]);
    const client = new RegistryClient({ registry: registry.host, credentials: user });
    expect(await client.tagDigest('acme/shop', 'staging-9a8b7c6')).toBe(built.outputs.digest);
    expect(built.summary).toContain('| `pr-7` | new | no |');

    const promoted = await runAction('build-image', {
      inputs: { image: name, environment: 'production', 'promote-from': built.outputs['image-ref'], ...user },
      env: { ...env(), PATH: '/nonexistent' },
      event,
      cwd: workspace,
      timeoutMs: 60_000,
    });
    expect(promoted.code).toBe(0);
    expect(promoted.outputs.digest).toBe(built.outputs.digest);
    expect(await client.tagDigest('acme/shop', 'prod-9a8b7c6')).toBe(built.outputs.digest);
    for (const dir of [built.workDir, promoted.workDir]) rmSync(dir, { recursive: true, force: true });
  });

  it('exits 1 with an error naming the input on bad input', async () => {
    const asked = registry.tokenRequests.length;
    const result = await runAction('build-image', {
      inputs: {
        image: `${registry.host}/acme/shop`,
        'promote-from': `${registry.host}/acme/shop:staging-latest`,
      },
      env: env(),
      cwd: workspace,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "::error::Input 'promote-from': expected an image reference with a digest",
    );
    expect(registry.tokenRequests.length).toBe(asked);
    rmSync(result.workDir, { recursive: true, force: true });
  });
});
