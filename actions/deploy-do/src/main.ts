// deploy-do: deploy to DigitalOcean App Platform, wait, explain failures, roll back.
import { tmpdir } from 'node:os';
import { systemClock, type Clock } from '../../../lib/clock.js';
import type { Fetch } from '../../../lib/http.js';
import { InputError } from '../../../lib/inputs.js';
import { processRunner, type Runner } from '../../../lib/runner.js';
import { AppsClient } from './api.js';
import { run as deploy, type DeployResult } from './deploy.js';
import { readInputs } from './inputs.js';
import { secretValues } from './spec.js';
import { summaryMarkdown } from './summary.js';

export interface MainIo {
  env: Record<string, string | undefined>;
  fetch: Fetch;
  clock: Clock;
  /** Aborted when the job is cancelled; defaults to SIGINT/SIGTERM. */
  signal?: AbortSignal;
}

export async function run(
  runner: Runner = processRunner(),
  io?: Partial<MainIo>,
): Promise<DeployResult | undefined> {
  const env = io?.env ?? process.env;
  let inputs;
  try {
    inputs = readInputs(runner.input, env);
  } catch (error) {
    if (error instanceof InputError) {
      runner.fail(error.message);
      return undefined;
    }
    throw error;
  }
  runner.setSecret(inputs.token);
  secretValues(inputs.spec).forEach((value) => runner.setSecret(value));
  inputs.warnings.forEach((w) => runner.warning(w));
  if (inputs.unresolvedVariables.length)
    runner.info(
      `Left for App Platform to resolve (no such environment variable): ${inputs.unresolvedVariables.map((v) => '${' + v + '}').join(', ')}`,
    );
  const cancel = io?.signal ? undefined : cancelOnSignals(runner);
  const signal = io?.signal ?? cancel!.signal;
  const clock = io?.clock ?? systemClock;
  const client = new AppsClient({
    apiUrl: inputs.apiUrl,
    token: inputs.token,
    fetch: io?.fetch,
    clock,
    onRetry: (message) => runner.info(message),
  });
  try {
    const result = await deploy(inputs, {
      client,
      clock,
      report: runner,
      env,
      tempDir: env.RUNNER_TEMP || tmpdir(),
      signal,
    });
    setOutputs(runner, result);
    runner.appendSummary(summaryMarkdown(result));
    if (!result.ok) runner.fail(result.failure?.message ?? `Deployment ended in phase ${result.phase}.`);
    else if (!inputs.wait) runner.info(`Not waiting (\`wait: false\`): deployment is ${result.phase}.`);
    return result;
  } catch (error) {
    runner.fail(`deploy-do failed: ${(error as Error).message}`);
    return undefined;
  } finally {
    cancel?.dispose();
  }
}

function setOutputs(runner: Runner, result: DeployResult): void {
  runner.setOutput('app-id', result.appId ?? '');
  runner.setOutput('deployment-id', result.deployment?.id ?? '');
  runner.setOutput('previous-deployment-id', result.previousDeploymentId ?? '');
  runner.setOutput('phase', result.phase);
  runner.setOutput('live-url', result.liveUrl);
  runner.setOutput('logs-file', result.logsFile ?? '');
}

/** The runner sends SIGINT (then SIGTERM) when a job is cancelled; a second signal exits at once. */
function cancelOnSignals(runner: Runner): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    runner.info(`Received ${name}: cancelling.`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
