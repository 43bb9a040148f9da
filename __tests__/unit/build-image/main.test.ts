// Bad input stops build-image before any command runs or any request is sent.
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../actions/build-image/src/main.js';
import type { Exec } from '../../../lib/exec.js';
import type { Fetch } from '../../../lib/http.js';
import { recordingRunner } from '../../../lib/runner.js';

const workspace = mkdtempSync(join(tmpdir(), 'build-image-unit-'));
mkdirSync(join(workspace, 'app'));
writeFileSync(join(workspace, 'app', 'Dockerfile'), 'FROM scratch\n');
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

async function runWith(
  inputs: Record<string, string>,
  available: string[] = ['buildah'],
  sha = 'a'.repeat(40),
) {
  const commands: string[] = [];
  const requests: string[] = [];
  const exec: Exec = async (command, args) => {
    commands.push(`${command} ${args.join(' ')}`);
    return { code: available.includes(command) && args[0] === '--version' ? 0 : 1, stdout: '', stderr: '' };
  };
  const fetch = (async (url: string) => {
    requests.push(String(url));
    throw new Error('no network in this test');
  }) as unknown as Fetch;
  const runner = recordingRunner({ context: 'app', ...inputs });
  await run({ runner, exec, fetch, env: { GITHUB_WORKSPACE: workspace, GITHUB_SHA: sha } });
  return { runner, commands, requests };
}

const digest = `sha256:${'c'.repeat(64)}`;

describe('build-image bad input', () => {
  it.each([
    [{ image: 'ghcr.io/acme/My App' }, /Input 'image': expected an image name such as ghcr.io\/owner\/app/],
    [{ image: 'ghcr.io/acme/app:v1' }, /Input 'image': expected a name without tag/],
    [{ image: 'ghcr.io/acme/app', tags: 'x'.repeat(129) }, /Input 'tags'.*at most 128/],
    [{ image: 'ghcr.io/acme/app', tags: 'bad tag!' }, /Input 'tags'/],
    [
      { image: 'ghcr.io/acme/app', 'promote-from': 'ghcr.io/acme/app:staging-latest' },
      /Input 'promote-from'.*digest/,
    ],
    [{ push: 'true' }, /Input 'image': expected an image name when `push` is true/],
    [
      { image: 'ghcr.io/acme/app', builder: 'kaniko' },
      /Input 'builder': expected one of 'auto', 'docker', 'buildah'/,
    ],
    [{ image: 'ghcr.io/acme/app', context: 'missing' }, /Input 'context': expected an existing directory/],
    [
      { image: 'ghcr.io/acme/app', file: 'app/Nope.Dockerfile' },
      /Input 'file': expected an existing Dockerfile/,
    ],
    [{ image: 'ghcr.io/acme/app', context: '.' }, /Input 'file': expected a Dockerfile/],
    [{ image: 'ghcr.io/acme/app', environment: 'prod' }, /Input 'environment'/],
    [{ image: 'ghcr.io/acme/app', username: 'me' }, /Input 'password'/],
    [
      { image: 'ghcr.io/acme/app', platforms: 'linux/amd64,linux/arm64', builder: 'buildah' },
      /Input 'platforms'/,
    ],
    [{ image: 'ghcr.io/acme/app', 'immutable-tags': 'v1/*' }, /Input 'immutable-tags'/],
    [
      { image: 'ghcr.io/acme/app', 'promote-from': `ghcr.io/acme/app@${digest}`, push: 'false' },
      /Input 'push'/,
    ],
  ])('%p fails naming the input, running and sending nothing', async (inputs, message) => {
    const { runner, commands, requests } = await runWith(inputs);
    expect(runner.failed).toMatch(message);
    expect(commands).toEqual([]);
    expect(requests).toEqual([]);
    expect(runner.outputs).toEqual({});
  });

  it('fails naming builder when no builder is available, having only probed', async () => {
    const { runner, commands, requests } = await runWith({ image: 'ghcr.io/acme/app' }, []);
    expect(runner.failed).toMatch(/Input 'builder': expected a builder on this runner: docker with buildx/);
    expect(commands.every((c) => /^(docker info|docker buildx version|buildah --version)/.test(c))).toBe(
      true,
    );
    expect(requests).toEqual([]);
  });

  it.each([
    ['', /GITHUB_SHA is not set/],
    ['abc123', /'abc123' is not a full commit SHA/],
  ])('refuses to make tags without a commit SHA (%p), running and sending nothing', async (sha, message) => {
    const { runner, commands, requests } = await runWith(
      { image: 'ghcr.io/acme/app', environment: 'staging' },
      ['buildah'],
      sha,
    );
    expect(runner.failed).toMatch(message);
    expect(commands).toEqual([]);
    expect(requests).toEqual([]);
    expect(runner.outputs).toEqual({});
  });

  it('masks the password before anything else', async () => {
    const { runner } = await runWith({
      image: 'ghcr.io/acme/app',
      password: 'hunter2-token',
      context: 'missing',
    });
    expect(runner.secrets).toEqual(['hunter2-token']);
    expect(runner.lines.join('\n')).not.toContain('hunter2-token');
  });

  it('lowers an upper-case image name with a notice', async () => {
    const { runner } = await runWith({ image: 'ghcr.io/Acme/App', push: 'false' }, []);
    expect(runner.lines).toContain(
      "::notice::Image name 'ghcr.io/Acme/App' lowered to 'ghcr.io/acme/app': registries such as GHCR require lower-case repository names.",
    );
  });
});

describe('build-image registry retries', () => {
  it('says in the log why it is waiting', async () => {
    let pings = 0;
    const fetch = (async (url: string) => {
      if (String(url).endsWith('/v2/')) return new Response('', { status: ++pings === 1 ? 503 : 200 });
      return new Response('', { status: 404 });
    }) as unknown as Fetch;
    const runner = recordingRunner({
      image: 'ghcr.io/acme/app',
      'promote-from': `ghcr.io/acme/app@${digest}`,
    });
    await run({
      runner,
      exec: async () => ({ code: 1, stdout: '', stderr: '' }),
      fetch,
      env: { GITHUB_WORKSPACE: workspace, GITHUB_SHA: 'a'.repeat(40) },
    });
    expect(runner.lines).toContainEqual(
      expect.stringMatching(/^ghcr\.io: HTTP 503 \(attempt 1\); retrying in \d+ ms$/),
    );
    expect(runner.failed).toMatch(/does not exist in the registry/);
  });
});

describe('build-image registry cache without push', () => {
  it('reads the registry cache but writes nothing to the registry, and says so', async () => {
    const fixture = join(import.meta.dirname, '..', '..', 'fixtures', 'buildx-metadata.json');
    const builds: string[][] = [];
    const exec: Exec = async (command, args) => {
      if (command === 'docker' && args[0] === 'buildx' && args[1] === 'build') {
        builds.push(args);
        writeFileSync(args[args.indexOf('--metadata-file') + 1], readFileSync(fixture));
      }
      return { code: command === 'docker' ? 0 : 1, stdout: '', stderr: '' };
    };
    const runner = recordingRunner({
      context: 'app',
      image: 'ghcr.io/acme/app',
      builder: 'docker',
      cache: 'registry',
      push: 'false',
    });
    const runnerTemp = mkdtempSync(join(workspace, 'temp-'));
    await run({
      runner,
      exec,
      env: { GITHUB_WORKSPACE: workspace, GITHUB_SHA: 'a'.repeat(40), RUNNER_TEMP: runnerTemp },
    });
    expect(runner.failed).toBeUndefined();
    expect(builds).toHaveLength(1);
    expect(builds[0].join(' ')).toContain('--cache-from type=registry,ref=ghcr.io/acme/app:buildcache');
    expect(builds[0]).not.toContain('--cache-to');
    expect(runner.lines).toContain(
      '::notice::cache: registry with push: false reads the cache from ghcr.io/acme/app:buildcache but does not write it back (that would push to the registry).',
    );
  });
});
