import { describe, expect, it } from '@jest/globals';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildWithDocker,
  buildahBudArgs,
  buildahPushArgs,
  buildxArgs,
  parseBuildxMetadata,
  resolveBuilder,
  type BuildSpec,
} from '../../../actions/build-image/src/builders.js';
import type { Exec } from '../../../lib/exec.js';
import { parseReference } from '../../../lib/oci/reference.js';

const spec: BuildSpec = {
  context: '/src',
  file: '/src/Dockerfile',
  image: parseReference('ghcr.io/acme/shop'),
  tags: ['staging-latest', 'staging-abc1234'],
  labels: { 'org.opencontainers.image.revision': 'abc' },
  buildArgs: [['NODE_ENV', 'production']],
  platforms: [],
  cache: 'none',
  push: true,
  workDir: '/tmp/w',
};

describe('docker buildx arguments', () => {
  it('push by digest with a metadata file and no provenance index', () => {
    expect(buildxArgs(spec, '/tmp/w/meta.json')).toEqual([
      'buildx',
      'build',
      '--file',
      '/src/Dockerfile',
      '--metadata-file',
      '/tmp/w/meta.json',
      '--provenance=false',
      '--output',
      'type=image,name=ghcr.io/acme/shop,push-by-digest=true,name-canonical=true,push=true',
      '--label',
      'org.opencontainers.image.revision=abc',
      '--annotation',
      'org.opencontainers.image.revision=abc',
      '--build-arg',
      'NODE_ENV=production',
      '/src',
    ]);
  });

  it('load with tags when not pushing, and cache and platforms when asked', () => {
    const args = buildxArgs({ ...spec, push: false, cache: 'gha', platforms: ['linux/arm64'] }, '/m.json');
    expect(args).toEqual(
      expect.arrayContaining([
        '--load',
        '--tag',
        'ghcr.io/acme/shop:staging-latest',
        '--platform',
        'linux/arm64',
      ]),
    );
    expect(args.join(' ')).toContain('--cache-from type=gha --cache-to type=gha,mode=max');
    const registry = buildxArgs(
      { ...spec, cache: 'registry', platforms: ['linux/amd64', 'linux/arm64'] },
      '/m',
    );
    expect(registry.join(' ')).toContain(
      '--platform linux/amd64,linux/arm64 --cache-from type=registry,ref=ghcr.io/acme/shop:buildcache --cache-to type=registry,ref=ghcr.io/acme/shop:buildcache,mode=max',
    );
    const notPushing = buildxArgs({ ...spec, push: false, cache: 'registry' }, '/m').join(' ');
    expect(notPushing).toContain('--cache-from type=registry,ref=ghcr.io/acme/shop:buildcache');
    expect(notPushing).not.toContain('--cache-to');
    const multiLocal = buildxArgs({ ...spec, push: false, platforms: ['linux/amd64', 'linux/arm64'] }, '/m');
    expect(multiLocal).toEqual(expect.arrayContaining(['--output', 'type=image,push=false']));
    expect(multiLocal).not.toContain('--load');
  });

  it('reads the digest from a buildx metadata file', () => {
    const text = readFileSync(
      join(import.meta.dirname, '..', '..', 'fixtures', 'buildx-metadata.json'),
      'utf8',
    );
    expect(parseBuildxMetadata(text)).toEqual({
      digest: 'sha256:9e2d61f1c5a3b7e84f0c2d96a1b3e5f7081c2a4d6e8f0b1c3d5e7f9a0b2c4d6e',
      configDigest: 'sha256:5b0bf3f1d3cc4e2b16c3e7d1e0f4f7a1a9c63a4be0d1ef0e1f6c2f7c8a9b0c1d',
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      size: 1043,
      imageName: 'ghcr.io/acme/shop',
    });
    expect(() => parseBuildxMetadata('{"buildx.build.ref":"x"}')).toThrow(/no containerimage.digest/);
    const loaded = { 'containerimage.config.digest': `sha256:${'e'.repeat(64)}` };
    expect(parseBuildxMetadata(JSON.stringify(loaded)).digest).toBe(`sha256:${'e'.repeat(64)}`);
    expect(() => parseBuildxMetadata('not json')).toThrow(/not JSON/);
  });
});

describe('buildah arguments', () => {
  it('build with vfs storage and chroot isolation, push into an OCI layout with a digest file', () => {
    expect(buildahBudArgs({ ...spec, platforms: ['linux/arm64'] }, '/s', '/w/iid')).toEqual([
      '--root',
      '/s/root',
      '--runroot',
      '/s/runroot',
      '--storage-driver',
      'vfs',
      'bud',
      '--isolation',
      'chroot',
      '--format',
      'oci',
      '--file',
      '/src/Dockerfile',
      '--iidfile',
      '/w/iid',
      '--tag',
      'localhost/shipyard-build',
      '--tag',
      'ghcr.io/acme/shop:staging-latest',
      '--tag',
      'ghcr.io/acme/shop:staging-abc1234',
      '--label',
      'org.opencontainers.image.revision=abc',
      '--annotation',
      'org.opencontainers.image.revision=abc',
      '--build-arg',
      'NODE_ENV=production',
      '--platform',
      'linux/arm64',
      '/src',
    ]);
    expect(buildahPushArgs('/s', '/w/layout', '/w/digest').slice(6)).toEqual([
      'push',
      '--format',
      'oci',
      '--digestfile',
      '/w/digest',
      'localhost/shipyard-build',
      'oci:/w/layout:image',
    ]);
  });
});

describe('resolveBuilder', () => {
  const fakeExec =
    (working: string[]): Exec =>
    async (command, args) => ({
      code: working.includes(`${command} ${args[0]}`) ? 0 : 1,
      stdout: '',
      stderr: '',
    });

  it('auto picks docker buildx when the daemon answers, else buildah', async () => {
    expect(
      await resolveBuilder('auto', fakeExec(['docker info', 'docker buildx', 'buildah --version'])),
    ).toBe('docker');
    expect(await resolveBuilder('auto', fakeExec(['docker buildx', 'buildah --version']))).toBe('buildah');
    expect(await resolveBuilder('auto', fakeExec([]))).toBeUndefined();
    expect(await resolveBuilder('docker', fakeExec(['buildah --version']))).toBeUndefined();
    const missing: Exec = async () => {
      throw Object.assign(new Error('spawn docker ENOENT'), { code: 'ENOENT' });
    };
    expect(await resolveBuilder('auto', missing)).toBeUndefined();
  });
});

describe('buildWithDocker', () => {
  it('logs in with the password on stdin, builds, and reads the digest from the metadata file', async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'buildx-'));
    const userConfig = join(workDir, 'user-docker');
    mkdirSync(userConfig);
    const fixture = join(import.meta.dirname, '..', '..', 'fixtures', 'buildx-metadata.json');
    const calls: {
      command: string;
      args: string[];
      input?: string;
      env?: Record<string, string | undefined>;
    }[] = [];
    const fakeDocker: Exec = async (command, args, options) => {
      calls.push({ command, args, input: options?.input, env: options?.env });
      const metadata = args.indexOf('--metadata-file');
      if (metadata > 0) copyFileSync(fixture, args[metadata + 1]);
      return { code: 0, stdout: '', stderr: '' };
    };
    const logged: string[] = [];
    const result = await buildWithDocker(
      { ...spec, workDir },
      {
        exec: fakeDocker,
        log: { info: (m) => logged.push(m) },
        credentials: { username: 'bot', password: 'tok' },
        env: { DOCKER_CONFIG: userConfig },
      },
    );
    const configDir = calls[0].env?.DOCKER_CONFIG ?? '';
    rmSync(workDir, { recursive: true, force: true });
    expect(result.digest).toBe('sha256:9e2d61f1c5a3b7e84f0c2d96a1b3e5f7081c2a4d6e8f0b1c3d5e7f9a0b2c4d6e');
    expect(calls[0]).toEqual({
      command: 'docker',
      args: ['login', '--username', 'bot', '--password-stdin', 'ghcr.io'],
      input: 'tok',
      env: { DOCKER_CONFIG: configDir },
    });
    expect(calls[1].args).toEqual(buildxArgs({ ...spec, workDir }, join(workDir, 'buildx-metadata.json')));
    expect(calls[1].env).toEqual({ DOCKER_CONFIG: configDir });
    expect(logged.filter((l) => l.startsWith(`$ DOCKER_CONFIG=${configDir} docker `))).toHaveLength(2);
    expect(logged.join('\n')).not.toContain('tok');
  });

  it('keeps the login out of the user docker config: a private, seeded DOCKER_CONFIG, removed afterwards', async () => {
    const home = mkdtempSync(join(tmpdir(), 'docker-home-'));
    const userConfig = join(home, '.docker');
    mkdirSync(join(userConfig, 'buildx', 'instances'), { recursive: true });
    writeFileSync(join(userConfig, 'buildx', 'current'), '{"Key":"unix:///var/run/docker.sock","Name":"ci"}');
    writeFileSync(join(userConfig, 'buildx', 'instances', 'ci'), '{"Name":"ci","Driver":"docker-container"}');
    writeFileSync(join(userConfig, 'config.json'), '{"currentContext":"remote"}');
    const workDir = join(home, 'work');
    const fixture = join(import.meta.dirname, '..', '..', 'fixtures', 'buildx-metadata.json');
    const seen: { dir: string; builder: string; context: string }[] = [];
    // Like docker: reads its builder and context from DOCKER_CONFIG and writes the login there.
    const fakeDocker: Exec = async (_command, args, options) => {
      const dir = options?.env?.DOCKER_CONFIG ?? userConfig;
      seen.push({
        dir,
        builder: readFileSync(join(dir, 'buildx', 'current'), 'utf8'),
        context: JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).currentContext,
      });
      if (args[0] === 'login') {
        const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
        config.auths = { 'ghcr.io': { auth: Buffer.from(`bot:${options?.input}`).toString('base64') } };
        writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
      }
      const metadata = args.indexOf('--metadata-file');
      if (metadata > 0) copyFileSync(fixture, args[metadata + 1]);
      return { code: 0, stdout: '', stderr: '' };
    };
    const io = {
      exec: fakeDocker,
      log: { info: () => undefined },
      credentials: { username: 'bot', password: 's3cret-pass' },
      env: { HOME: home },
    };
    await buildWithDocker({ ...spec, workDir }, io);
    expect(seen).toHaveLength(2);
    expect(seen[0].dir).not.toBe(userConfig);
    expect(seen[1].dir).toBe(seen[0].dir);
    expect(seen.every((s) => s.builder.includes('"ci"') && s.context === 'remote')).toBe(true);
    expect(existsSync(seen[0].dir)).toBe(false);
    expect(readFileSync(join(userConfig, 'config.json'), 'utf8')).toBe('{"currentContext":"remote"}');
    expect(readdirSync(workDir).filter((f) => f.startsWith('docker-config-'))).toEqual([]);

    const failing: Exec = async (command, args, options) => {
      await fakeDocker(command, args, options);
      return { code: args[0] === 'login' ? 0 : 1, stdout: '', stderr: '' };
    };
    await expect(buildWithDocker({ ...spec, workDir }, { ...io, exec: failing })).rejects.toThrow(
      /exit code 1/,
    );
    expect(existsSync(seen[3].dir)).toBe(false);
    expect(readdirSync(workDir).filter((f) => f.startsWith('docker-config-'))).toEqual([]);
    rmSync(home, { recursive: true, force: true });
  });

  it('fails with the exit code when buildx fails', async () => {
    const failing: Exec = async () => ({ code: 17, stdout: '', stderr: 'ERROR: failed to solve' });
    await expect(buildWithDocker(spec, { exec: failing, log: { info: () => undefined } })).rejects.toThrow(
      /docker buildx build failed with exit code 17/,
    );
  });
});
