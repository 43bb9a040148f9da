// Runs a program, logging the exact command (with secrets redacted by the runner's mask).
import { spawn } from 'node:child_process';

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  input?: string;
  /** Called with each chunk of output as it arrives (for live logs). */
  onOutput?: (text: string) => void;
  signal?: AbortSignal;
}

export type Exec = (command: string, args: string[], options?: ExecOptions) => Promise<ExecResult>;

export function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function commandText(command: string, args: string[]): string {
  return [command, ...args].map(quoteArg).join(' ');
}

export const exec: Exec = (command, args, options = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ? { ...process.env, ...options.env } : process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      signal: options.signal,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
      options.onOutput?.(d.toString());
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      options.onOutput?.(d.toString());
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    // A program may exit without reading its input; the write then fails with EPIPE, which,
    // unhandled, would crash the action. The exit code says how the program fared.
    child.stdin.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') reject(error);
    });
    child.stdin.end(options.input ?? '');
  });

/** Resolves whether a program is on PATH and runs. */
export async function canRun(run: Exec, command: string, args: string[] = ['--version']): Promise<boolean> {
  try {
    return (await run(command, args)).code === 0;
  } catch {
    return false;
  }
}
