// The local demo (`npm run demo`): starts the sample app, then verifies it with the bundled
// health-check the way a deployment does: liveness and readiness, then the version it serves.
// Built as a list of steps sharing one context, so the full pipeline can add its own.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { repoRoot, runAction, type ActionRun } from './run-action.js';
import { startSampleApp, type SampleApp } from './sample-app.js';

export interface DemoOptions {
  /** Extra sample-app settings, e.g. `{ DATABASE_DOWN: '1' }`. */
  appEnv?: Record<string, string>;
  /** The health-check `timeout` of each verification step. */
  timeout?: string;
  log?: (text: string) => void;
}

export interface DemoContext {
  options: Required<Pick<DemoOptions, 'timeout' | 'log'>> & DemoOptions;
  version: string;
  sha: string;
  app?: SampleApp;
}

export interface DemoStep {
  name: string;
  run(context: DemoContext): Promise<string>;
}

export interface StepResult {
  name: string;
  ok: boolean;
  durationMs: number;
  detail: string;
}

export interface DemoResult {
  ok: boolean;
  steps: StepResult[];
  /** The sample app the demo started (and stopped). */
  app?: { url: string; pid: number };
}

class StepFailed extends Error {}

function gitSha(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return 'local';
  }
}

async function healthCheck(context: DemoContext, inputs: Record<string, string>): Promise<string> {
  const run: ActionRun = await runAction('health-check', {
    inputs: { timeout: context.options.timeout, ...inputs },
    timeoutMs: 10 * 60_000,
  });
  rmSync(run.workDir, { recursive: true, force: true });
  const log = context.options.log;
  const logLines = run.stdout.split('\n').filter((l) => l && !/^::(debug|add-mask|error)::/.test(l));
  log(logLines.map((l) => `  ${l}`).join('\n'));
  log('');
  log(run.summary.trim());
  const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
  if (run.code !== 0)
    throw new StepFailed(errors.map((e) => e.replace('::error::', '')).join('\n') || run.stderr);
  return `healthy: ${run.outputs.attempts} requests in ${run.outputs['duration-ms']} ms`;
}

export const demoSteps: DemoStep[] = [
  {
    name: 'start the sample app',
    async run(context) {
      context.app = await startSampleApp({
        env: {
          APP_VERSION: context.version,
          GIT_SHA: context.sha,
          READY_AFTER_MS: '1500',
          ...context.options.appEnv,
        },
      });
      return `${context.app.url} (pid ${context.app.pid}), version ${context.version}`;
    },
  },
  {
    name: 'liveness and readiness',
    run: (context) =>
      healthCheck(context, {
        url: `${context.app!.url}/health/live\n${context.app!.url}/health/ready`,
        json: 'status=UP',
      }),
  },
  {
    name: 'the new version serves',
    run: (context) =>
      healthCheck(context, {
        url: `${context.app!.url}/version`,
        json: `version=${context.version}\nsha=${context.sha}`,
        'consecutive-successes': '2',
      }),
  },
];

export async function runDemo(options: DemoOptions = {}, steps: DemoStep[] = demoSteps): Promise<DemoResult> {
  const log = options.log ?? ((text: string) => console.log(text));
  const context: DemoContext = {
    options: { timeout: '1m', ...options, log },
    version: `1.0.0-demo.${Date.now().toString(36)}`,
    sha: gitSha(),
  };
  const results: StepResult[] = [];
  try {
    for (const step of steps) {
      log(`\n▶ ${step.name}`);
      const started = Date.now();
      try {
        const detail = await step.run(context);
        results.push({ name: step.name, ok: true, durationMs: Date.now() - started, detail });
        log(`✔ ${step.name}: ${detail}`);
      } catch (error) {
        const detail = error instanceof StepFailed ? error.message : String((error as Error).stack ?? error);
        results.push({ name: step.name, ok: false, durationMs: Date.now() - started, detail });
        log(`✘ ${step.name}:\n${detail}`);
        break;
      }
    }
  } finally {
    await context.app?.stop();
  }
  const ok = results.length === steps.length && results.every((r) => r.ok);
  log(
    `\n${ok ? '✔ demo passed' : '✘ demo failed'}: ${results.map((r) => `${r.ok ? '✔' : '✘'} ${r.name} (${r.durationMs} ms)`).join(', ')}`,
  );
  const app = context.app && { url: context.app.url, pid: context.app.pid };
  return { ok, steps: results, ...(app ? { app } : {}) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      'database-down': { type: 'boolean', default: false },
      timeout: { type: 'string', default: '1m' },
    },
  });
  const result = await runDemo({
    timeout: values.timeout,
    appEnv: values['database-down'] ? { DATABASE_DOWN: '1' } : {},
  });
  process.exitCode = result.ok ? 0 : 1;
}
