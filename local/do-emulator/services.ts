// A ready-made `runService`: runs a command per service component as a real local process,
// with the spec's run-time env, and finds its URL from what it prints when it listens.
import { spawn } from 'node:child_process';
import type { Component } from './model.js';
import type { RunService, RunningService, ServiceContext } from './platform.js';

export interface SpawnServiceOptions {
  /** Command and arguments per component; the process gets the spec env and PORT. */
  command: (component: Component) => { command: string; args?: string[]; cwd?: string } | undefined;
  /**
   * `spec`: PORT is the spec's `http_port`. `random` (the default, so parallel tests never
   * collide): PORT=0 and the process must print the URL or port it bound.
   */
  port?: 'spec' | 'random';
  /** Finds the URL in the output; default: a printed `http://127.0.0.1:<port>` or `port <n>`. */
  ready?: RegExp;
  startTimeoutMs?: number;
  /** Extra environment for every process (PATH is passed through by default). */
  env?: Record<string, string>;
}

const READY = /(https?:\/\/(?:127\.0\.0\.1|localhost):\d+)|port[ =:]+(\d+)/i;

export function spawnService(options: SpawnServiceOptions): RunService {
  return (component, context) => start(component, context, options);
}

function start(
  component: Component,
  context: ServiceContext,
  options: SpawnServiceOptions,
): Promise<RunningService> {
  const how = options.command(component);
  if (!how) return Promise.reject(new Error(`no command configured for service ${component.name}`));
  const port = options.port === 'spec' ? context.port : 0;
  const env = { PATH: process.env.PATH ?? '', ...options.env, ...context.env, PORT: String(port) };
  const child = spawn(how.command, how.args ?? [], { cwd: how.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = options.ready ?? READY;
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () =>
        fail(
          new Error(
            `${component.name} did not report a listening URL within ${options.startTimeoutMs ?? 10_000} ms`,
          ),
        ),
      options.startTimeoutMs ?? 10_000,
    );
    const stop = () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      });
    function fail(error: Error) {
      clearTimeout(timer);
      void stop();
      reject(error);
    }
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString();
      const m = ready.exec(output);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.off('data', onOutput);
      child.stdout.resume();
      resolve({ url: m[1] ?? `http://127.0.0.1:${m[2]}`, stop });
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code, signal) =>
      fail(
        new Error(
          `${component.name} exited (${signal ?? `code ${code}`}) before listening: ${output.trim().slice(-500)}`,
        ),
      ),
    );
  });
}
