// Benchmark: the sbom action against @cyclonedx/cdxgen on the same two inputs, this repository's
// package-lock.json and the buildah test image (dpkg status of this machine + a node_modules tree).
// cdxgen is installed into a scratch folder under /tmp and run without network (`unshare -n`)
// with absolute paths; the action's bundle is run exactly as the runner runs it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRegistry } from '../local/registry.js';
import { node24, repoRoot, runAction } from '../local/run-action.js';
import { AMD64_NODE_MODULES, DPKG_STATUS, pushSbomTestImages } from '../local/sbom-image.js';

const CDXGEN_VERSION = '12.8.4';
const CDXGEN_DIR = '/tmp/shipyard-bench-cdxgen';
const CDXGEN = join(CDXGEN_DIR, 'node_modules/@cyclonedx/cdxgen/bin/cdxgen.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function installCdxgen(): void {
  if (existsSync(CDXGEN)) return;
  mkdirSync(CDXGEN_DIR, { recursive: true });
  console.log(`installing @cyclonedx/cdxgen@${CDXGEN_VERSION} into ${CDXGEN_DIR} ...`);
  const result = spawnSync(
    'npm',
    ['install', '--prefix', CDXGEN_DIR, '--no-audit', '--no-fund', `@cyclonedx/cdxgen@${CDXGEN_VERSION}`],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error('npm install of cdxgen failed');
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Measured {
  wallMs: number;
  cpuMs?: number;
  maxRssMb?: number;
  purls: string[];
}

/** Runs a command under /usr/bin/time for wall time and peak memory. */
function timed(
  command: string,
  args: string[],
  cwd: string,
): { wallMs: number; cpuMs: number; maxRssMb: number } {
  const timeFile = join(cwd, `time-${Math.random().toString(36).slice(2)}`);
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, command, ...args], {
    cwd,
    stdio: 'pipe',
  });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr.toString().slice(-500)}`);
  const [user, system, rssKb] = readFileSync(timeFile, 'utf8')
    .trim()
    .split('\n')
    .pop()!
    .split(' ')
    .map(Number);
  return { wallMs, cpuMs: (user + system) * 1000, maxRssMb: rssKb / 1024 };
}

function purlsOf(file: string): string[] {
  const bom = JSON.parse(readFileSync(file, 'utf8')) as { components?: { purl?: string }[] };
  return (bom.components ?? []).map((c) => c.purl ?? '').filter(Boolean);
}

function runCdxgen(args: string[], out: string, work: string): Measured {
  const runs: { wallMs: number; cpuMs: number; maxRssMb: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    rmSync(out, { force: true });
    runs.push(timed('unshare', ['-n', node24, CDXGEN, ...args, '-o', out], work));
  }
  return {
    wallMs: median(runs.map((r) => r.wallMs)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    maxRssMb: median(runs.map((r) => r.maxRssMb)),
    purls: purlsOf(out),
  };
}

async function runOurs(inputs: Record<string, string>, work: string): Promise<Measured> {
  const runs: number[] = [];
  let purls: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const result = await runAction('sbom', { inputs, timeoutMs: 120_000 });
    if (result.code !== 0) throw new Error(`sbom action failed: ${result.stdout.slice(-800)}`);
    runs.push(result.durationMs);
    purls = purlsOf(result.outputs['sbom-file']);
    rmSync(result.workDir, { recursive: true, force: true });
  }
  // one more run under /usr/bin/time for the peak memory
  const env = Object.entries(inputs).map(([k, v]) => `INPUT_${k.toUpperCase()}=${v}`);
  const memory = timed(
    'env',
    [...env, `RUNNER_TEMP=${work}`, node24, join(repoRoot, 'dist/sbom/index.js')],
    work,
  );
  return { wallMs: median(runs), cpuMs: memory.cpuMs, maxRssMb: memory.maxRssMb, purls };
}

/** name@version of the decoded purl, for comparing with the ground truth. */
function nameVersion(purl: string): string {
  const m = /^pkg:([^/]+)\/(.+?)@([^?#]+)/.exec(purl);
  if (!m) return purl;
  const name = decodeURIComponent(m[2]).replace(/^debian\//, '');
  return `${m[1]}:${name}@${decodeURIComponent(m[3])}`;
}

function correct(purls: string[], truth: Set<string>): number {
  return new Set(purls.map(nameVersion).filter((p) => truth.has(p))).size;
}

function npmTruth(): Set<string> {
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; link?: boolean }>;
  };
  return new Set(
    Object.entries(lock.packages)
      .filter(([path, e]) => path.startsWith('node_modules/') && !e.link && e.version)
      .map(([path, e]) => `npm:${path.split('node_modules/').pop()}@${e.version}`),
  );
}

function imageTruth(): Set<string> {
  const debs = readFileSync(DPKG_STATUS, 'utf8')
    .split(/\n\n+/)
    .filter((p) => /^Status: .* installed$/m.test(p))
    .map((p) => `deb:${/^Package: (.+)$/m.exec(p)![1]}@${/^Version: (.+)$/m.exec(p)![1]}`);
  const npm = AMD64_NODE_MODULES.map((name) => {
    const { version } = JSON.parse(
      readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8'),
    ) as {
      version: string;
    };
    return `npm:${name}@${version}`;
  });
  return new Set([...debs, ...npm]);
}

async function startupMs(): Promise<number> {
  const runs: number[] = [];
  // no inputs: the bundle loads, validates, and stops at the first input error
  for (let i = 0; i < 5; i++) runs.push((await runAction('sbom', { inputs: {} })).durationMs);
  return median(runs);
}

function row(cells: (string | number)[]): string {
  return `| ${cells.map(String).join(' | ')} |`;
}

async function main(): Promise<void> {
  installCdxgen();
  const work = mkdtempSync(join(tmpdir(), 'shipyard-bench-sbom-'));
  const registry = await startRegistry();
  try {
    const npmDir = join(work, 'npm');
    mkdirSync(npmDir);
    copyFileSync(join(repoRoot, 'package-lock.json'), join(npmDir, 'package-lock.json'));
    copyFileSync(join(repoRoot, 'package.json'), join(npmDir, 'package.json'));
    const archive = join(work, 'image.tar');
    const images = await pushSbomTestImages(registry.host, 'bench/sbom', archive);
    const cases = [
      {
        name: 'package-lock.json',
        truth: npmTruth(),
        ours: () => runOurs({ path: npmDir }, work),
        theirs: () => runCdxgen(['-t', 'js', '--no-babel', npmDir], join(work, 'cdxgen-npm.json'), work),
      },
      {
        name: 'test image',
        truth: imageTruth(),
        ours: () => runOurs({ image: images.gzip.reference }, work),
        theirs: () => runCdxgen(['-t', 'docker', archive], join(work, 'cdxgen-image.json'), work),
      },
    ];
    console.log(`\nsbom benchmark: median of ${RUNS} runs, wall time including process start-up\n`);
    console.log(
      row(['input', 'tool', 'wall ms', 'cpu ms', 'peak MiB', 'components', 'correct', 'speed-up (wall)']),
    );
    console.log(row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:']));
    for (const c of cases) {
      const ours = await c.ours();
      const theirs = c.theirs();
      console.log(
        row([
          c.name,
          'shipyard sbom',
          Math.round(ours.wallMs),
          Math.round(ours.cpuMs ?? 0),
          Math.round(ours.maxRssMb ?? 0),
          ours.purls.length,
          `${correct(ours.purls, c.truth)}/${c.truth.size}`,
          `${(theirs.wallMs / ours.wallMs).toFixed(1)}x`,
        ]),
      );
      console.log(
        row([
          c.name,
          `cdxgen ${CDXGEN_VERSION}`,
          Math.round(theirs.wallMs),
          Math.round(theirs.cpuMs ?? 0),
          Math.round(theirs.maxRssMb ?? 0),
          theirs.purls.length,
          `${correct(theirs.purls, c.truth)}/${c.truth.size}`,
          '1.0x',
        ]),
      );
    }
    console.log(`\nbundle start-up (load + input validation, no work): ${Math.round(await startupMs())} ms`);
    console.log(
      '(image: the action reads the registry on 127.0.0.1; cdxgen reads a docker-archive export of the same image)',
    );
  } finally {
    await registry.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
