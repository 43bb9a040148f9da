// build-image on real parts: Debian's docker-registry on 127.0.0.1 and buildah with isolated storage.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../actions/build-image/src/main.js';
import { exec, type Exec } from '../../lib/exec.js';
import { RegistryClient } from '../../lib/oci/client.js';
import type { ImageManifestJson } from '../../lib/oci/media-types.js';
import { recordingRunner } from '../../lib/runner.js';
import { startRegistry, type LocalRegistry } from '../../local/registry.js';
import { BUSYBOX } from '../../local/test-image.js';

const SHA = '1f2e3d4c5b6a79880123456789abcdef01234567';
const user = { username: 'deployer', password: 'p@ss-w0rd-xyz' };
let registry: LocalRegistry;
let basic: LocalRegistry;
let work: string;

beforeAll(async () => {
  [registry, basic] = await Promise.all([
    startRegistry(),
    startRegistry({ auth: { kind: 'basic', ...user } }),
  ]);
  work = mkdtempSync(join(tmpdir(), 'build-image-it-'));
});
afterAll(async () => {
  await Promise.all([registry?.stop(), basic?.stop()]);
  rmSync(work, { recursive: true, force: true });
});

let counter = 0;
/** A build context whose content (and so digest) depends on `marker`. */
function freshDir(): string {
  const dir = join(work, `ctx-${counter++}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function writeContext(marker: string): Promise<string> {
  const dir = freshDir();
  mkdirSync(join(dir, 'bin'), { recursive: true });
  copyFileSync(BUSYBOX, join(dir, 'bin', 'busybox'));
  writeFileSync(join(dir, 'marker.txt'), `${marker}\n`);
  writeFileSync(
    join(dir, 'Dockerfile'),
    'FROM scratch\nCOPY bin/busybox /bin/busybox\nCOPY marker.txt /marker.txt\n',
  );
  return dir;
}

function githubEnv(ref: string, event: unknown = {}): Record<string, string> {
  const eventPath = join(work, `event-${counter++}.json`);
  writeFileSync(eventPath, JSON.stringify(event));
  return {
    GITHUB_SHA: SHA,
    GITHUB_REF: ref,
    GITHUB_EVENT_NAME: ref.startsWith('refs/tags/') ? 'push' : 'push',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: work,
    RUNNER_TEMP: join(work, 'runner-temp'),
  };
}

/** Wraps exec to record every command (to prove promotion runs no builder). */
function spyExec(): Exec & { calls: string[] } {
  const calls: string[] = [];
  const spy = (async (command, args, options) => {
    calls.push([command, ...args].join(' '));
    return exec(command, args, options);
  }) as Exec & { calls: string[] };
  spy.calls = calls;
  return spy;
}

async function build(inputs: Record<string, string>, ref = 'refs/heads/main', execImpl: Exec = exec) {
  const runner = recordingRunner({ builder: 'buildah', ...inputs });
  await run({ runner, env: githubEnv(ref), exec: execImpl });
  return runner;
}

describe('build-image with buildah and a real registry', () => {
  it('builds, pushes by digest and tags staging; the digest output is the manifest digest', async () => {
    const image = `${registry.host}/acme/shop`;
    const runner = await build({ image, environment: 'staging', context: await writeContext('staging one') });
    expect(runner.failed).toBeUndefined();
    const client = new RegistryClient({ registry: registry.host });
    const digest = runner.outputs.digest;
    expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(await client.tagDigest('acme/shop', 'staging-latest')).toBe(digest);
    expect(await client.tagDigest('acme/shop', 'staging-1f2e3d4')).toBe(digest);
    expect(runner.outputs['image-ref']).toBe(`${image}@${digest}`);
    expect(runner.outputs.tags).toBe(`${image}:staging-latest\n${image}:staging-1f2e3d4`);
    expect(runner.outputs.version).toBe('main-1f2e3d4');
    const manifest = await client.getManifest('acme/shop', digest);
    const json = manifest.json as ImageManifestJson;
    expect(json.annotations?.['org.opencontainers.image.revision']).toBe(SHA);
    const config = JSON.parse((await client.readBlob('acme/shop', json.config.digest)).toString()) as {
      config: { Labels: Record<string, string> };
    };
    expect(config.config.Labels).toMatchObject({
      'org.opencontainers.image.source': 'https://github.com/acme/shop',
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.version': 'main-1f2e3d4',
      'org.opencontainers.image.title': 'shop',
    });
    expect(runner.lines.some((l) => l.includes('buildah') && l.includes('--storage-driver vfs bud'))).toBe(
      true,
    );
    const summary = runner.summary.join('\n');
    expect(summary).toContain(digest);
    expect(summary).toMatch(/`staging-latest` \| new/);
    expect(JSON.parse(runner.outputs.metadata)).toMatchObject({ builder: 'buildah', pushed: true, digest });

    // Promotion: production tags on the same digest, no builder run at all.
    const spy = spyExec();
    const promoted = await build(
      { image, environment: 'production', 'promote-from': runner.outputs['image-ref'] },
      'refs/heads/main',
      spy,
    );
    expect(promoted.failed).toBeUndefined();
    expect(spy.calls).toEqual([]);
    expect(promoted.outputs.digest).toBe(digest);
    for (const tag of ['production-latest', 'prod-1f2e3d4', 'latest'])
      expect([tag, await client.tagDigest('acme/shop', tag)]).toEqual([tag, digest]);
    expect(promoted.summary.join('\n')).toContain('promoted from');
    // The promoted image keeps the labels (and creation time) it was built with.
    const asObject = (lines: string) => Object.fromEntries(lines.split('\n').map((l) => l.split(/=(.*)/s)));
    expect(asObject(promoted.outputs.labels)).toMatchObject(asObject(runner.outputs.labels));
  });

  it('promotes across repositories with blob mounts', async () => {
    const runner = await build({
      image: `${registry.host}/acme/staging-app`,
      environment: 'staging',
      context: await writeContext('cross repo'),
    });
    const promoted = await build({
      image: `${registry.host}/acme/prod-app`,
      environment: 'production',
      'promote-from': runner.outputs['image-ref'],
    });
    expect(promoted.failed).toBeUndefined();
    const metadata = JSON.parse(promoted.outputs.metadata);
    expect(metadata.digest).toBe(runner.outputs.digest);
    const client = new RegistryClient({ registry: registry.host });
    expect(await client.tagDigest('acme/prod-app', 'latest')).toBe(runner.outputs.digest);
  });

  it('refuses to move an existing v1.2.3 to different content and pushes nothing', async () => {
    const image = `${registry.host}/acme/release`;
    const first = await build(
      { image, environment: 'production', context: await writeContext('release A') },
      'refs/tags/v1.2.3',
    );
    expect(first.failed).toBeUndefined();
    const client = new RegistryClient({ registry: registry.host });
    const original = first.outputs.digest;
    expect(await client.tagDigest('acme/release', 'v1.2.3')).toBe(original);
    expect(await client.tagDigest('acme/release', 'v1')).toBe(original);

    const second = await build(
      { image, environment: 'production', context: await writeContext('release B') },
      'refs/tags/v1.2.3',
    );
    expect(second.failed).toMatch(/immutable tags? .*'v1\.2\.3' \(already sha256:.*Nothing was pushed/);
    expect(second.outputs.digest).toBeUndefined();
    for (const tag of ['v1.2.3', 'v1', 'latest', 'production-latest'])
      expect([tag, await client.tagDigest('acme/release', tag)]).toEqual([tag, original]);

    // Re-running the release with the same digest is a no-op with a notice.
    const again = await build(
      { image, environment: 'production', 'promote-from': first.outputs['image-ref'] },
      'refs/tags/v1.2.3',
    );
    expect(again.failed).toBeUndefined();
    expect(again.outputs.digest).toBe(original);
    expect(again.lines).toContain(`::notice::Tag v1.2.3 already points to ${original}: left as is.`);
    expect(JSON.parse(again.outputs.metadata).tags).toContainEqual(
      expect.objectContaining({ tag: 'latest', state: 'unchanged' }),
    );
  });

  it('pushes to a registry that requires basic auth with username and password, masking the password', async () => {
    const image = `${basic.host}/acme/private`;
    const runner = await build({
      image,
      environment: 'staging',
      context: await writeContext('private'),
      username: user.username,
      password: user.password,
    });
    expect(runner.failed).toBeUndefined();
    expect(runner.secrets).toContain(user.password);
    expect(runner.lines.join('\n')).not.toContain(user.password);
    const client = new RegistryClient({ registry: basic.host, credentials: user });
    expect(await client.tagDigest('acme/private', 'staging-latest')).toBe(runner.outputs.digest);

    const denied = await build({ image, environment: 'staging', context: await writeContext('private 2') });
    expect(denied.failed).toMatch(/requires a username and password/);
  });

  it('rebuilds a commit byte for byte, so a re-run finds its tags unchanged', async () => {
    const image = `${registry.host}/acme/rerun`;
    const event = { head_commit: { id: SHA, timestamp: '2026-11-30T09:14:07+01:00' } };
    const once = async () => {
      const runner = recordingRunner({
        builder: 'buildah',
        image,
        environment: 'staging',
        context: await writeContext('same commit'),
      });
      await run({ runner, env: githubEnv('refs/heads/main', event), exec });
      return runner;
    };
    const first = await once();
    expect(first.failed).toBeUndefined();
    const rerun = await once();
    expect(rerun.failed).toBeUndefined();
    expect(rerun.outputs.digest).toBe(first.outputs.digest);
    expect(rerun.lines).toContain(
      `::notice::Tag staging-1f2e3d4 already points to ${first.outputs.digest}: left as is.`,
    );
    expect(rerun.outputs.labels).toContain('org.opencontainers.image.created=2026-11-30T08:14:07.000Z');
  });

  it('sets the digest without pushing', async () => {
    const runner = await build({ push: 'false', context: await writeContext('local only') });
    expect(runner.failed).toBeUndefined();
    expect(runner.outputs.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(runner.outputs['image-ref']).toBe(runner.outputs.digest);
    expect(JSON.parse(runner.outputs.metadata)).toMatchObject({
      pushed: false,
      tags: [{ tag: 'sha-1f2e3d4', state: 'local' }],
    });
  });
});
