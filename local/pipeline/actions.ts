// Runs one bundled action the way the runner does for a push (INPUT_* variables, GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY, a push event at GITHUB_EVENT_PATH, GITHUB_SHA/REF/REPOSITORY), shows its
// annotations and its job summary, records it, and turns a failure into a StepFailed.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exec } from '../../lib/exec.js';
import { repoRoot, runAction } from '../run-action.js';
import { StepFailed, type ActionRecord, type PipelineContext } from './context.js';
import { pushEnv, pushEvent, type Push } from './github.js';
import { markdownToTerminal } from './terminal.js';

export interface ActionCall {
  inputs: Record<string, string>;
  push: Push;
  /** More environment (e.g. a PATH without builders). */
  env?: Record<string, string>;
  timeoutMs?: number;
}

export function bundlePath(action: string): string {
  return join(repoRoot, 'dist', action, 'index.js');
}

const ANNOTATION = /^::(error|warning|notice)(?: [^:]*)?::(.*)$/;

function unescapeData(text: string): string {
  return text.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
}

/** The `::error::` etc. lines of a run, as `error: text`. */
export function annotations(stdout: string, kinds = ['error', 'warning', 'notice']): string[] {
  return stdout
    .split('\n')
    .map((line) => ANNOTATION.exec(line))
    .filter((m): m is RegExpExecArray => !!m && kinds.includes(m[1]))
    .map((m) => `${m[1]}: ${unescapeData(m[2])}`);
}

/** The log as a person reads it in the Actions UI: no workflow commands, groups as headings. */
export function readableLog(stdout: string): string {
  return stdout
    .split('\n')
    .filter((line) => !/^::(debug|add-mask|endgroup)::/.test(line))
    .map((line) => line.replace(/^::group::(.*)$/, '▸ $1'))
    .join('\n')
    .trimEnd();
}

/** Whether a secret shows anywhere but in the `::add-mask::` command that hides it. */
function leakedSecret(context: PipelineContext, texts: string[]): boolean {
  const shown = texts.map((text) => text.replace(/^::add-mask::.*$/gm, ''));
  return context.secrets.some((secret) => secret && shown.some((text) => text.includes(secret)));
}

export async function callAction(
  context: PipelineContext,
  action: string,
  call: ActionCall,
): Promise<ActionRecord> {
  if (!existsSync(bundlePath(action)))
    throw new StepFailed(
      `${action} is not available: dist/${action}/index.js is missing (the ${action} action is not on this branch yet, or not built: npm run build -- ${action})`,
    );
  const run = await runAction(action, {
    inputs: call.inputs,
    env: { ...pushEnv(call.push), ...call.env },
    event: pushEvent(call.push),
    timeoutMs: call.timeoutMs ?? 5 * 60_000,
  });
  rmSync(run.workDir, { recursive: true, force: true });
  const record: ActionRecord = {
    step: context.step,
    action,
    inputs: call.inputs,
    push: call.push,
    code: run.code,
    durationMs: run.durationMs,
    outputs: run.outputs,
    summary: run.summary,
    stdout: run.stdout,
    stderr: run.stderr,
  };
  context.runs.push(record);
  showRun(context, record);
  if (leakedSecret(context, [run.stdout, run.stderr, run.summary]))
    throw new StepFailed(`${action} printed a secret (a registry password or API token) in its output`);
  if (run.code !== 0) {
    const errors = annotations(run.stdout, ['error']).map((e) => e.replace(/^error: /, ''));
    throw new StepFailed(
      `${action} failed (exit code ${run.code}): ${errors.join('\n') || run.stderr.trim().slice(-1000) || 'no error message'}`,
    );
  }
  return record;
}

function showRun(context: PipelineContext, record: ActionRecord): void {
  const log = context.log;
  const indent = (text: string) =>
    text
      .split('\n')
      .map((l) => (l ? `    ${l}` : ''))
      .join('\n');
  const trigger =
    record.push.event === 'workflow_dispatch' ? `dispatched on ${record.push.ref}` : record.push.ref;
  log(
    `  ${record.action} (${trigger} @ ${record.push.sha.slice(0, 7)}), ${record.durationMs} ms, exit ${record.code}`,
  );
  if (context.options.verbose) log(indent(readableLog(record.stdout)));
  else for (const line of annotations(record.stdout)) log(indent(line));
  const maxCodeLine = context.options.verbose ? undefined : 160;
  if (record.summary.trim()) log(`${indent(markdownToTerminal(record.summary, { maxCodeLine }))}\n`);
}

/** GITHUB_OUTPUT as the runner reads it: `name=value` lines and `name<<DELIMITER` blocks. */
export function parseGithubOutput(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const block = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (block) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== block[2]; i++) value.push(lines[i]);
      outputs[block[1]] = value.join('\n');
      continue;
    }
    const line = /^([^=]+)=(.*)$/.exec(lines[i]);
    if (line) outputs[line[1]] = line[2];
  }
  return outputs;
}

/** Runs a workflow's `run:` script as the runner does: bash, the push's variables, GITHUB_OUTPUT. */
export async function callScript(
  context: PipelineContext,
  script: string,
  call: { env: Record<string, string>; push: Push },
): Promise<ActionRecord> {
  const dir = mkdtempSync(join(tmpdir(), 'run-step-'));
  const outputFile = join(dir, 'output');
  const eventFile = join(dir, 'event.json');
  writeFileSync(outputFile, '');
  writeFileSync(eventFile, JSON.stringify(pushEvent(call.push)));
  const started = Date.now();
  const result = await exec('bash', ['-e', '-o', 'pipefail', join(repoRoot, script)], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/root',
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_OUTPUT: outputFile,
      GITHUB_EVENT_PATH: eventFile,
      RUNNER_TEMP: dir,
      ...pushEnv(call.push),
      ...call.env,
    },
    signal: AbortSignal.timeout(60_000),
  });
  const record: ActionRecord = {
    step: context.step,
    action: script,
    inputs: {},
    push: call.push,
    code: result.code,
    durationMs: Date.now() - started,
    outputs: parseGithubOutput(readFileSync(outputFile, 'utf8')),
    summary: '',
    stdout: result.stdout,
    stderr: result.stderr,
  };
  rmSync(dir, { recursive: true, force: true });
  context.runs.push(record);
  showRun(context, record);
  for (const line of readableLog(result.stdout)
    .split('\n')
    .filter((l) => l && !l.startsWith('::')))
    context.log(`    ${line}`);
  if (leakedSecret(context, [result.stdout, result.stderr]))
    throw new StepFailed(`${script} printed a secret (a registry password or API token) in its output`);
  if (result.code !== 0) {
    const errors = annotations(result.stdout, ['error']).map((e) => e.replace(/^error: /, ''));
    throw new StepFailed(
      `${script} failed (exit code ${result.code}): ${errors.join('\n') || result.stderr.trim()}`,
    );
  }
  return record;
}
