// The two builders: `docker buildx build` (reads the digest from its metadata file) and
// `buildah bud` (vfs storage, chroot isolation; pushed into an OCI layout with a digest file).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { buildahStorageArgs } from '../../../lib/buildah.js';
import { commandText, type Exec } from '../../../lib/exec.js';
import { imageName, type ImageReference } from '../../../lib/oci/reference.js';
import type { CacheChoice } from './inputs.js';

export interface BuildSpec {
  context: string;
  file: string;
  image?: ImageReference;
  tags: string[];
  labels: Record<string, string>;
  buildArgs: [string, string][];
  platforms: string[];
  cache: CacheChoice;
  push: boolean;
  /** Scratch space for metadata, digest files and the OCI layout. */
  workDir: string;
  /** The commit's time (seconds): image timestamps are set to it, so rebuilds are reproducible. */
  sourceDateEpoch?: number;
}

export interface Log {
  info(message: string): void;
}

export class BuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildError';
  }
}

async function runLogged(
  run: Exec,
  log: Log,
  command: string,
  args: string[],
  input?: string,
  env?: Record<string, string>,
) {
  log.info(
    `$ ${
      env
        ? Object.entries(env)
            .map(([k, v]) => `${k}=${v} `)
            .join('')
        : ''
    }${commandText(command, args)}`,
  );
  const result = await run(command, args, {
    input,
    env,
    onOutput: (text) => log.info(text.replace(/\n$/, '')),
  });
  if (result.code !== 0)
    throw new BuildError(`${command} ${args.slice(0, 2).join(' ')} failed with exit code ${result.code}`);
  return result;
}

function labelArgs(flag: string, labels: Record<string, string>): string[] {
  return Object.entries(labels).flatMap(([key, value]) => [flag, `${key}=${value}`]);
}

// ---- docker buildx ----------------------------------------------------------------------------

export function buildxArgs(spec: BuildSpec, metadataFile: string): string[] {
  const args = ['buildx', 'build', '--file', spec.file, '--metadata-file', metadataFile];
  // Default provenance attestations turn the image into an index with unknown/unknown entries on GHCR.
  args.push('--provenance=false');
  const name = spec.image ? imageName(spec.image) : undefined;
  if (spec.push && name)
    args.push('--output', `type=image,name=${name},push-by-digest=true,name-canonical=true,push=true`);
  else if (spec.platforms.length > 1) args.push('--output', 'type=image,push=false');
  else {
    args.push('--load');
    if (name) for (const tag of spec.tags) args.push('--tag', `${name}:${tag}`);
  }
  args.push(...labelArgs('--label', spec.labels), ...labelArgs('--annotation', spec.labels));
  for (const [key, value] of spec.buildArgs) args.push('--build-arg', `${key}=${value}`);
  if (spec.sourceDateEpoch !== undefined && !spec.buildArgs.some(([key]) => key === 'SOURCE_DATE_EPOCH'))
    args.push('--build-arg', `SOURCE_DATE_EPOCH=${spec.sourceDateEpoch}`);
  if (spec.platforms.length) args.push('--platform', spec.platforms.join(','));
  if (spec.cache === 'gha') args.push('--cache-from', 'type=gha', '--cache-to', 'type=gha,mode=max');
  if (spec.cache === 'registry' && name) {
    args.push('--cache-from', `type=registry,ref=${name}:buildcache`);
    // Exporting the cache is a push; without `push` nothing may be written to the registry.
    if (spec.push) args.push('--cache-to', `type=registry,ref=${name}:buildcache,mode=max`);
  }
  args.push(spec.context);
  return args;
}

export interface BuildxMetadata {
  digest: string;
  configDigest?: string;
  mediaType?: string;
  size?: number;
  imageName?: string;
}

export function parseBuildxMetadata(text: string): BuildxMetadata {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new BuildError('docker buildx wrote a metadata file that is not JSON');
  }
  const descriptor = data['containerimage.descriptor'] as
    { digest?: string; mediaType?: string; size?: number } | undefined;
  // A `--load` into the classic docker image store reports only the config digest, which is the image ID.
  const digest =
    (data['containerimage.digest'] as string | undefined) ??
    descriptor?.digest ??
    (data['containerimage.config.digest'] as string | undefined);
  if (!digest || !/^sha256:[a-f0-9]{64}$/.test(digest))
    throw new BuildError('docker buildx metadata has no containerimage.digest');
  return {
    digest,
    configDigest: data['containerimage.config.digest'] as string | undefined,
    mediaType: descriptor?.mediaType,
    size: descriptor?.size,
    imageName: data['image.name'] as string | undefined,
  };
}

export function dockerLoginArgs(registry: string, username: string): string[] {
  return ['login', '--username', username, '--password-stdin', registry];
}

/** The docker config directory the user's docker commands use (`DOCKER_CONFIG`, else `~/.docker`). */
export function userDockerConfigDir(env: Record<string, string | undefined>): string {
  return env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
}

/**
 * A private DOCKER_CONFIG for this step, seeded with a copy of the user's (so buildx builders and
 * contexts keep working): `docker login` then writes the password there, not into the runner's
 * home, where it would outlive the job on a self-hosted runner. Removed in `buildWithDocker`.
 */
export function privateDockerConfig(workDir: string, env: Record<string, string | undefined>): string {
  mkdirSync(workDir, { recursive: true });
  const dir = mkdtempSync(join(workDir, 'docker-config-'));
  const source = userDockerConfigDir(env);
  if (existsSync(source)) cpSync(source, dir, { recursive: true });
  return dir;
}

export async function buildWithDocker(
  spec: BuildSpec,
  io: {
    exec: Exec;
    log: Log;
    credentials?: { username: string; password: string };
    env?: Record<string, string | undefined>;
  },
): Promise<BuildxMetadata> {
  const configDir = privateDockerConfig(spec.workDir, io.env ?? process.env);
  const dockerEnv = { DOCKER_CONFIG: configDir };
  try {
    if (io.credentials && spec.image && spec.push)
      await runLogged(
        io.exec,
        io.log,
        'docker',
        dockerLoginArgs(spec.image.registry, io.credentials.username),
        io.credentials.password,
        dockerEnv,
      );
    const metadataFile = join(spec.workDir, 'buildx-metadata.json');
    await runLogged(io.exec, io.log, 'docker', buildxArgs(spec, metadataFile), undefined, dockerEnv);
    return parseBuildxMetadata(readFileSync(metadataFile, 'utf8'));
  } finally {
    rmSync(configDir, { recursive: true, force: true });
  }
}

// ---- buildah ------------------------------------------------------------------------------------

export const LOCAL_NAME = 'localhost/shipyard-build';

export function buildahBudArgs(spec: BuildSpec, storageDir: string, iidFile: string): string[] {
  const args = [...buildahStorageArgs(storageDir), 'bud', '--isolation', 'chroot', '--format', 'oci'];
  args.push('--file', spec.file, '--iidfile', iidFile, '--tag', LOCAL_NAME);
  if (spec.sourceDateEpoch !== undefined) args.push('--timestamp', String(spec.sourceDateEpoch));
  if (spec.image) for (const tag of spec.tags) args.push('--tag', `${imageName(spec.image)}:${tag}`);
  args.push(...labelArgs('--label', spec.labels), ...labelArgs('--annotation', spec.labels));
  for (const [key, value] of spec.buildArgs) args.push('--build-arg', `${key}=${value}`);
  if (spec.platforms.length) args.push('--platform', spec.platforms[0]);
  args.push(spec.context);
  return args;
}

export function buildahPushArgs(storageDir: string, layoutDir: string, digestFile: string): string[] {
  return [
    ...buildahStorageArgs(storageDir),
    'push',
    '--format',
    'oci',
    '--digestfile',
    digestFile,
    LOCAL_NAME,
    `oci:${layoutDir}:image`,
  ];
}

export interface BuildahOutcome {
  /** Manifest digest of the image as pushed into the OCI layout (the digest it keeps in a registry). */
  digest: string;
  imageId: string;
  layoutDir: string;
}

export async function buildWithBuildah(
  spec: BuildSpec,
  io: { exec: Exec; log: Log; storageDir: string },
): Promise<BuildahOutcome> {
  mkdirSync(spec.workDir, { recursive: true });
  const iidFile = join(spec.workDir, 'buildah-iid');
  const digestFile = join(spec.workDir, 'buildah-digest');
  const layoutDir = join(spec.workDir, 'oci-layout');
  await runLogged(io.exec, io.log, 'buildah', buildahBudArgs(spec, io.storageDir, iidFile));
  await runLogged(io.exec, io.log, 'buildah', buildahPushArgs(io.storageDir, layoutDir, digestFile));
  const digest = readFileSync(digestFile, 'utf8').trim();
  if (!/^sha256:[a-f0-9]{64}$/.test(digest)) throw new BuildError(`buildah wrote no digest to ${digestFile}`);
  return { digest, imageId: readFileSync(iidFile, 'utf8').trim(), layoutDir };
}

// ---- choosing ----------------------------------------------------------------------------------

/** Whether a command runs and exits 0 within 15 s (a hung daemon socket must not hang the job). */
async function answers(run: Exec, command: string, args: string[]): Promise<boolean> {
  try {
    return (await run(command, args, { signal: AbortSignal.timeout(15_000) })).code === 0;
  } catch {
    return false;
  }
}

/** `auto`: docker buildx when a daemon answers, else buildah; undefined when neither can run. */
export async function resolveBuilder(
  choice: 'auto' | 'docker' | 'buildah',
  run: Exec,
): Promise<'docker' | 'buildah' | undefined> {
  const docker = async () =>
    (await answers(run, 'docker', ['info', '--format', '{{.ServerVersion}}'])) &&
    (await answers(run, 'docker', ['buildx', 'version']));
  const buildah = () => answers(run, 'buildah', ['--version']);
  if (choice === 'docker') return (await docker()) ? 'docker' : undefined;
  if (choice === 'buildah') return (await buildah()) ? 'buildah' : undefined;
  if (await docker()) return 'docker';
  return (await buildah()) ? 'buildah' : undefined;
}
