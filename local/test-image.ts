// Builds and pushes tiny `FROM scratch` images with buildah in isolated storage (vfs driver,
// chroot isolation, a private root), so tests never touch the default image store.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildahStorageArgs } from '../lib/buildah.js';
import { commandText, exec, type Exec } from '../lib/exec.js';

export const BUILDAH = '/usr/bin/buildah';
export const BUSYBOX = '/bin/busybox';

/** Global buildah options that keep images in `dir`. */
export const isolatedStorageArgs = buildahStorageArgs;

export interface BuildahSandbox {
  dir: string;
  /** Runs buildah with the sandbox's storage; throws with the output on failure. */
  buildah(args: string[]): Promise<string>;
  cleanup(): Promise<void>;
}

export function buildahSandbox(run: Exec = exec): BuildahSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'shipyard-buildah-'));
  const storage = isolatedStorageArgs(dir);
  const buildah = async (args: string[]) => {
    const result = await run(BUILDAH, [...storage, ...args]);
    if (result.code !== 0)
      throw new Error(`${commandText(BUILDAH, args)} failed (${result.code}): ${result.stderr.slice(-800)}`);
    return result.stdout;
  };
  return {
    dir,
    buildah,
    async cleanup() {
      // vfs layers can hold read-only files; let buildah remove what it made first.
      await run(BUILDAH, [...storage, 'rmi', '--all', '--force']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes a build context: busybox plus a marker file, so different markers give different digests. */
export function writeTestContext(dir: string, marker: string): { context: string; file: string } {
  const context = join(dir, `context-${Math.random().toString(36).slice(2)}`);
  mkdirSync(join(context, 'bin'), { recursive: true });
  copyFileSync(BUSYBOX, join(context, 'bin', 'busybox'));
  writeFileSync(join(context, 'marker.txt'), `${marker}\n`);
  const file = join(context, 'Containerfile');
  writeFileSync(
    file,
    'FROM scratch\nCOPY bin/busybox /bin/busybox\nCOPY marker.txt /marker.txt\nCMD ["/bin/busybox", "cat", "/marker.txt"]\n',
  );
  return { context, file };
}

/** Credentials go in a file (as `buildah login` would write it), never on a command line. */
function writeAuthFile(
  dir: string,
  host: string,
  credentials: { username: string; password: string },
): string {
  const path = join(dir, 'auth.json');
  const auth = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
  writeFileSync(path, JSON.stringify({ auths: { [host]: { auth } } }), { mode: 0o600 });
  return path;
}

export interface PushedTestImage {
  digest: string;
  reference: string;
}

/** Builds a tiny image and pushes it to `registryHost/repository:tag`; returns the pushed digest. */
export async function pushTestImage(options: {
  registryHost: string;
  repository: string;
  tag: string;
  marker?: string;
  credentials?: { username: string; password: string };
  sandbox?: BuildahSandbox;
}): Promise<PushedTestImage> {
  const sandbox = options.sandbox ?? buildahSandbox();
  try {
    const { context, file } = writeTestContext(sandbox.dir, options.marker ?? options.tag);
    const local = `localhost/shipyard-test-${Math.random().toString(36).slice(2)}`;
    await sandbox.buildah(['bud', '--isolation', 'chroot', '--quiet', '-f', file, '-t', local, context]);
    const reference = `${options.registryHost}/${options.repository}:${options.tag}`;
    const digestFile = join(sandbox.dir, 'digest');
    const creds = options.credentials
      ? ['--authfile', writeAuthFile(sandbox.dir, options.registryHost, options.credentials)]
      : [];
    await sandbox.buildah([
      'push',
      '--quiet',
      '--tls-verify=false',
      ...creds,
      '--digestfile',
      digestFile,
      local,
      `docker://${reference}`,
    ]);
    return { digest: readFileSync(digestFile, 'utf8').trim(), reference };
  } finally {
    if (!options.sandbox) await sandbox.cleanup();
  }
}
