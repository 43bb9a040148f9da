// Starts examples/sample-app/server.mjs on a free port of 127.0.0.1 and stops it again.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { node24, repoRoot } from './run-action.js';

export const sampleAppScript = join(repoRoot, 'examples', 'sample-app', 'server.mjs');

export interface SampleApp {
  /** `http://127.0.0.1:<port>` */
  url: string;
  pid: number;
  /** Everything the app printed so far. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. Resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface SampleAppOptions {
  /** APP_VERSION, GIT_SHA, READY_AFTER_MS, DATABASE_DOWN... */
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

export function startSampleApp(options: SampleAppOptions = {}): Promise<SampleApp> {
  const child = spawn(existsSync(node24) ? node24 : process.execPath, [sampleAppScript], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PORT: '0', HOST: '127.0.0.1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (graceMs = 5000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`sample app did not start within ${options.startTimeoutMs ?? 10_000} ms:\n${output}`));
    }, options.startTimeoutMs ?? 10_000);
    const onData = (data: Buffer) => {
      output += data;
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stdout.on('data', (d: Buffer) => (output += d));
      resolve({ url, pid: child.pid!, output: () => output, stop });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (output += d));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`sample app exited (${signal ?? code}) before listening:\n${output}`));
    });
  });
}
