// Runs the pipeline's steps in order on one machine, stops at the first failure, always stops
// what it started, and reports each step, the live URLs and the pipeline's own overhead.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { repoRoot } from '../run-action.js';
import {
  StepFailed,
  type Commit,
  type PipelineContext,
  type PipelineOptions,
  type PipelineStep,
  type ResolvedOptions,
} from './context.js';
import { makeWorkDir, pipelineSteps } from './steps.js';
import { defaultTools } from './tools.js';

export interface StepResult {
  stage: string;
  name: string;
  ok: boolean;
  durationMs: number;
  detail: string;
}

export interface PipelineResult {
  ok: boolean;
  steps: StepResult[];
  /** Steps that did not run because an earlier one failed. */
  skipped: string[];
  totalMs: number;
  imageBuildMs: number;
  /** Everything but the image builds: totalMs − imageBuildMs. */
  overheadMs: number;
  liveUrls: { staging?: string; production?: string };
  context: PipelineContext;
}

const REPOSITORY = 'shipyard-dev/sample-app';

function git(args: string[]): string | undefined {
  try {
    return execFileSync('git', args, {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

function madeUpSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

/** The commit checked out (pushed now) and its parent (the previous release). */
export function defaultCommits(): { previous: Commit; current: Commit } {
  const head = git(['rev-parse', 'HEAD']) ?? madeUpSha('shipyard current');
  const parent = git(['rev-parse', 'HEAD~1']) ?? madeUpSha(`${head} previous`);
  const info = (sha: string) => {
    const [timestamp, ...subject] = (git(['log', '-1', '--format=%cI%n%s', sha]) ?? '').split('\n');
    return { timestamp: timestamp || undefined, message: subject.join('\n') || 'local commit' };
  };
  return {
    previous: { sha: parent, version: '1.0.0', ...info(parent) },
    current: { sha: head, version: '1.1.0', ...info(head) },
  };
}

export function resolveOptions(options: PipelineOptions): ResolvedOptions {
  return {
    log: options.log ?? ((text: string) => console.log(text)),
    verbose: options.verbose ?? false,
    healthTimeout: options.healthTimeout ?? '30s',
    deployTimeout: options.deployTimeout ?? '2m',
    // A deployment takes as long as the app's process takes to start and listen, no longer.
    phaseMs: options.phaseMs ?? 0,
    tools: options.tools ?? defaultTools,
    commits: options.commits ?? defaultCommits(),
    stagingEnv: options.stagingEnv,
    afterStep: options.afterStep,
    beforeStop: options.beforeStop,
    imageRuntime: options.imageRuntime ?? 'busybox',
  };
}

async function runCleanups(cleanups: (() => Promise<void> | void)[], log: (t: string) => void) {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      log(`  clean-up failed: ${(error as Error).message}`);
    }
  }
}

export async function runPipeline(
  options: PipelineOptions = {},
  steps: PipelineStep[] = pipelineSteps,
): Promise<PipelineResult> {
  const started = Date.now();
  const resolved = resolveOptions(options);
  const log = resolved.log;
  const cleanups: (() => Promise<void> | void)[] = [];
  const workDir = makeWorkDir(tmpdir());
  cleanups.push(() => rmSync(workDir, { recursive: true, force: true }));
  const context: PipelineContext = {
    options: resolved,
    log,
    workDir,
    repository: REPOSITORY,
    step: '',
    serviceStarts: [],
    images: {},
    apps: {},
    runs: [],
    imageBuildMs: 0,
    secrets: [],
    defer: (cleanup) => void cleanups.push(cleanup),
  };
  const results: StepResult[] = [];
  let heldMs = 0;
  const partialResult = (): PipelineResult => {
    const totalMs = Date.now() - started - heldMs;
    return {
      ok: results.length === steps.length && results.every((r) => r.ok),
      steps: results,
      skipped: steps.slice(results.length).map((s) => `${s.stage}: ${s.name}`),
      totalMs,
      imageBuildMs: context.imageBuildMs,
      overheadMs: totalMs - context.imageBuildMs,
      liveUrls: { staging: context.apps.staging?.liveUrl, production: context.apps.production?.liveUrl },
      context,
    };
  };
  let stage = '';
  try {
    for (const step of steps) {
      if (step.stage !== stage) log(`\n━━ ${(stage = step.stage)} ━━`);
      log(`\n▶ ${step.name}`);
      context.step = `${step.stage}: ${step.name}`;
      const stepStarted = Date.now();
      try {
        const detail = await step.run(context);
        await resolved.afterStep?.(step, context);
        results.push({
          stage: step.stage,
          name: step.name,
          ok: true,
          durationMs: Date.now() - stepStarted,
          detail,
        });
        log(`✔ ${step.name}: ${detail}`);
      } catch (error) {
        const detail = error instanceof StepFailed ? error.message : String((error as Error).stack ?? error);
        results.push({
          stage: step.stage,
          name: step.name,
          ok: false,
          durationMs: Date.now() - stepStarted,
          detail,
        });
        log(`✘ ${step.name}:\n${detail.replace(/^/gm, '  ')}`);
        break;
      }
    }
    if (resolved.beforeStop && results.length === steps.length && results.every((r) => r.ok)) {
      const holding = Date.now();
      await resolved.beforeStop(context);
      heldMs = Date.now() - holding;
    }
  } finally {
    await runCleanups(cleanups, log);
  }
  const result = partialResult();
  log(report(result));
  return result;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function report(result: PipelineResult): string {
  const lines = ['', `━━ ${result.ok ? '✔ pipeline passed' : '✘ pipeline failed'} ━━`];
  const width = Math.max(...result.steps.map((s) => s.stage.length + s.name.length + 2), 10);
  for (const s of result.steps)
    lines.push(
      `${s.ok ? '✔' : '✘'} ${`${s.stage}: ${s.name}`.padEnd(width)}  ${seconds(s.durationMs).padStart(7)}`,
    );
  for (const name of result.skipped) lines.push(`· ${name} (not run)`);
  const { staging, production } = result.liveUrls;
  if (staging || production) lines.push('', 'Live URLs (stopped with the pipeline):');
  if (staging) lines.push(`  staging     ${staging}`);
  if (production) lines.push(`  production  ${production}`);
  lines.push(
    '',
    `Pipeline overhead: ${seconds(result.overheadMs)} (total ${seconds(result.totalMs)} − image builds ${seconds(result.imageBuildMs)}; goal < 10 s)`,
  );
  return lines.join('\n');
}
