// The GitHub Actions runner protocol: inputs, workflow commands, outputs, job summary.
// Small on purpose: @actions/core would bundle an HTTP client (OIDC) into every action.
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';

export type Env = Record<string, string | undefined>;

export interface Runner {
  input(name: string): string;
  setOutput(name: string, value: string | number | boolean): void;
  setSecret(value: string): void;
  info(message: string): void;
  debug(message: string): void;
  notice(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  group(title: string): void;
  endGroup(): void;
  appendSummary(markdown: string): void;
  fail(message: string): void;
}

export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function commandLine(
  command: string,
  message: string,
  properties: Record<string, string> = {},
): string {
  const props = Object.entries(properties)
    .map(([k, v]) => `${k}=${escapeData(v).replace(/:/g, '%3A').replace(/,/g, '%2C')}`)
    .join(',');
  return `::${command}${props ? ' ' + props : ''}::${escapeData(message)}`;
}

function appendKeyValue(file: string, name: string, value: string): void {
  const delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`);
}

/** A runner speaking to the real runner through stdout and the GITHUB_* files. */
export function processRunner(
  env: Env = process.env,
  write: (line: string) => void = (l) => process.stdout.write(l + EOL),
): Runner {
  const secrets: string[] = [];
  const redact = (text: string) => secrets.reduce((t, s) => t.split(s).join('***'), text);
  const say = (line: string) => write(redact(line));
  return {
    input: (name) => (env[inputEnvName(name)] ?? '').trim(),
    setOutput(name, value) {
      const text = String(value);
      if (env.GITHUB_OUTPUT) appendKeyValue(env.GITHUB_OUTPUT, name, text);
      else say(commandLine('set-output', text, { name }));
    },
    setSecret(value) {
      for (const line of value.split(/\r?\n/)) {
        if (!line.trim()) continue;
        secrets.push(line);
        write(commandLine('add-mask', line));
      }
    },
    info: (message) => say(message),
    debug: (message) => say(commandLine('debug', message)),
    notice: (message) => say(commandLine('notice', message)),
    warning: (message) => say(commandLine('warning', message)),
    error: (message) => say(commandLine('error', message)),
    group: (title) => say(`::group::${escapeData(title)}`),
    endGroup: () => say('::endgroup::'),
    appendSummary(markdown) {
      if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, redact(markdown) + EOL);
    },
    fail(message) {
      say(commandLine('error', message));
      process.exitCode = 1;
    },
  };
}

/** A runner that records everything, for tests of main.ts. */
export interface RecordingRunner extends Runner {
  lines: string[];
  outputs: Record<string, string>;
  secrets: string[];
  summary: string[];
  failed?: string;
}

export function recordingRunner(inputs: Record<string, string> = {}): RecordingRunner {
  const r: RecordingRunner = {
    lines: [],
    outputs: {},
    secrets: [],
    summary: [],
    input: (name) => (inputs[name] ?? '').trim(),
    setOutput: (name, value) => void (r.outputs[name] = String(value)),
    setSecret: (value) => void r.secrets.push(value),
    info: (m) => void r.lines.push(m),
    debug: (m) => void r.lines.push(`::debug::${m}`),
    notice: (m) => void r.lines.push(`::notice::${m}`),
    warning: (m) => void r.lines.push(`::warning::${m}`),
    error: (m) => void r.lines.push(`::error::${m}`),
    group: (t) => void r.lines.push(`::group::${t}`),
    endGroup: () => void r.lines.push('::endgroup::'),
    appendSummary: (md) => void r.summary.push(md),
    fail: (m) => {
      r.lines.push(`::error::${m}`);
      r.failed = m;
    },
  };
  return r;
}
