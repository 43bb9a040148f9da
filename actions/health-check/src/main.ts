// The action's shell: inputs → checks → outputs, summary, and an error per unhealthy URL.
import { systemClock, type Clock } from '../../../lib/clock.js';
import type { Fetch } from '../../../lib/http.js';
import { InputError } from '../../../lib/inputs.js';
import { processRunner, type Runner } from '../../../lib/runner.js';
import { MIN_SECRET_LENGTH, readConfig, type HealthCheckConfig } from './config.js';
import type { Probe } from './probe.js';
import { failureMessage, reportJson, successMessage, summaryMarkdown } from './report.js';
import { secretQueryValues } from './url-secrets.js';
import { checkAll } from './wait.js';
import { formatDuration } from '../../../lib/duration.js';

export interface MainIo {
  fetch?: Fetch;
  clock?: Clock;
  random?: () => number;
}

/** Masks each secret, and the credential after an auth scheme (`Bearer <token>`) on its own. */
function maskerFor(runner: Runner, secrets: string[]) {
  return (value: string) => {
    const token = /^[A-Za-z][\w-]*\s+(\S{4,})$/.exec(value)?.[1];
    for (const secret of token ? [value, token] : [value]) {
      secrets.push(secret);
      runner.setSecret(secret);
    }
  };
}

function redactor(secrets: string[]) {
  // Longest first: a secret that contains another (a raw and a decoded token) goes whole.
  return (text: string) =>
    [...secrets].sort((a, b) => b.length - a.length).reduce((t, s) => t.split(s).join('***'), text);
}

/** Logs when a URL's outcome changes, not on every poll: the log stays readable over minutes. */
function attemptLogger(runner: Runner, redact: (t: string) => string) {
  const lastReason = new Map<string, string>();
  return (url: string, attempt: number, probe: Probe, nextDelayMs?: number) => {
    const reason = probe.ok ? `HTTP ${probe.status} passed` : (probe.reason ?? 'failed');
    // Dependency data such as a countdown changes on every poll; the DOWN names are what matter.
    const key = probe.down?.length ? `${probe.status} ${probe.down.map((d) => d.name).join()}` : reason;
    const next = nextDelayMs === undefined ? '' : `, next check in ${formatDuration(nextDelayMs)}`;
    const line = redact(`${url} attempt ${attempt}: ${reason} (${Math.round(probe.latencyMs)} ms${next})`);
    if (lastReason.get(url) === key) return runner.debug(line);
    lastReason.set(url, key);
    runner.info(line);
  };
}

export async function run(runner: Runner = processRunner(), io: MainIo = {}): Promise<void> {
  const secrets: string[] = [];
  const redact = redactor(secrets);
  const mask = maskerFor(runner, secrets);
  let config: HealthCheckConfig;
  try {
    config = readConfig(runner.input, mask);
  } catch (error) {
    if (error instanceof InputError) return runner.fail(redact(error.message));
    throw error;
  }
  try {
    await checkAndReport(runner, config, io, { redact, mask });
  } catch (error) {
    // A bug, not a verdict: still fail the step with a readable error rather than a bare stack,
    // and keep `healthy` saying what the failed step means for the steps that read it.
    runner.setOutput('healthy', false);
    runner.fail(
      redact(`health-check stopped by an unexpected error: ${(error as Error).stack ?? String(error)}`),
    );
  }
}

async function checkAndReport(
  runner: Runner,
  config: HealthCheckConfig,
  io: MainIo,
  { redact, mask }: { redact: (text: string) => string; mask: (value: string) => void },
): Promise<void> {
  const plural = config.urls.length === 1 ? '' : 's';
  runner.info(
    redact(
      `Checking ${config.urls.length} URL${plural} (timeout ${formatDuration(config.timeoutMs)}): ${config.urls.join(', ')}`,
    ),
  );
  const outcome = await checkAll(config, {
    fetch: io.fetch ?? fetch,
    clock: io.clock ?? systemClock,
    random: io.random,
    onAttempt: attemptLogger(runner, redact),
  });
  // A redirect may lead to a signed URL (`?X-Amz-Signature=…`) nobody could mask in advance.
  for (const result of outcome.results)
    if (result.redirectedTo) secretQueryValues(result.redirectedTo, MIN_SECRET_LENGTH).forEach(mask);
  runner.setOutput('healthy', outcome.healthy);
  runner.setOutput('attempts', outcome.attempts);
  runner.setOutput('duration-ms', outcome.durationMs);
  runner.setOutput('report', redact(reportJson(outcome)));
  runner.appendSummary(redact(summaryMarkdown(config, outcome)));
  for (const result of outcome.results) if (result.healthy) runner.info(redact(successMessage(result)));
  // The failure waiting could not fix is the cause; URLs stopped because of it come after.
  const failed = outcome.results
    .filter((r) => !r.healthy)
    .sort((a, b) => Number(!!b.fatal) - Number(!!a.fatal));
  for (const result of failed.slice(1)) runner.error(redact(failureMessage(result)));
  if (failed.length) runner.fail(redact(failureMessage(failed[0])));
}
