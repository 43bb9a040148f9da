// The deploy and rollback flows: find the app, start the deployment, follow it, explain the
// outcome.
import type { Clock } from '../../../lib/clock.js';
import { formatDuration } from '../../../lib/duration.js';
import {
  AmbiguousWriteError,
  ApiError,
  type App,
  type AppsClient,
  type Deployment,
  type Phase,
} from './api.js';
import { applyImageEnv, assignImage, describeImage, type ImageAssignment } from './images.js';
import {
  fetchLogs,
  lastLines,
  logHeading,
  logsForFailure,
  redact,
  writeLogsFile,
  type FetchedLog,
  type LogRequest,
} from './logs.js';
import { failedSteps, flattenSteps, type FailedStep } from './progress.js';
import {
  cloneSpec,
  findComponent,
  secretValues,
  servesHttp,
  type AppSpec,
  type ImageSource,
} from './spec.js';
import { deployHistory, waitForDeployment, type DeployHistory, type PhaseRecord } from './wait.js';

export type PrintLogs = 'on-failure' | 'always' | 'never';

export interface DeployInputs {
  appId?: string;
  appName?: string;
  spec?: AppSpec;
  images: ImageAssignment[];
  wait: boolean;
  timeoutMs: number;
  forceBuild: boolean;
  printLogs: PrintLogs;
  rollbackTo?: string;
  create: boolean;
  projectId?: string;
}

export interface Reporter {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
  group(title: string): void;
  endGroup(): void;
  setSecret(value: string): void;
}

export interface DeployIo {
  client: AppsClient;
  clock: Clock;
  report: Reporter;
  env: Record<string, string | undefined>;
  /** Where the logs file goes (RUNNER_TEMP). */
  tempDir: string;
  /** Aborted when the job is cancelled. */
  signal?: AbortSignal;
}

export interface Failure {
  message: string;
  steps: FailedStep[];
  logTail?: string;
}

export interface DeployResult {
  ok: boolean;
  kind: 'deploy' | 'rollback';
  appId?: string;
  appName?: string;
  deployment?: Deployment;
  previousDeploymentId?: string;
  rollbackTarget?: string;
  phase: Phase | '';
  liveUrl: string;
  logsFile?: string;
  timeline: PhaseRecord[];
  imageChanges: string[];
  failure?: Failure;
  cancelled?: boolean;
}

class FlowError extends Error {}

/** DeployIo plus the values to redact from files (the runner masks its own output). */
interface FlowIo extends DeployIo {
  secrets: string[];
  history: DeployHistory;
  /** Deployments the app had before this run wrote anything. */
  knownBefore?: Set<string>;
  /** Clock time at which the run's `timeout` ends, from its first request to the end of the wait. */
  deadline: number;
}

/** Deploys (or rolls back); never throws for deployment outcomes, only reports them. */
export async function run(inputs: DeployInputs, deployIo: DeployIo): Promise<DeployResult> {
  const result: DeployResult = {
    ok: false,
    kind: inputs.rollbackTo ? 'rollback' : 'deploy',
    phase: '',
    liveUrl: '',
    timeline: [],
    imageChanges: [],
  };
  const secrets = secretValues(inputs.spec);
  const io: FlowIo = {
    ...deployIo,
    secrets,
    history: {},
    deadline: deployIo.clock.now() + inputs.timeoutMs,
    report: {
      ...deployIo.report,
      setSecret(value) {
        secrets.push(value);
        deployIo.report.setSecret(value);
      },
    },
  };
  io.client.deadline = { at: io.deadline, timeoutMs: inputs.timeoutMs };
  try {
    if (inputs.rollbackTo) await rollbackFlow(inputs, io, result);
    else await deployFlow(inputs, io, result);
  } catch (error) {
    // Whatever stopped the flow becomes the failure, so outputs and the summary still say what happened.
    if (io.signal?.aborted && !result.failure) {
      result.cancelled = true;
      const where = result.deployment
        ? `after deployment ${result.deployment.id} reached ${result.phase}`
        : 'before a deployment was confirmed started';
      result.failure = {
        message: `The job was cancelled ${where} (${(error as Error).message}).`,
        steps: [],
      };
    } else if (result.failure) result.failure.message += ` Then: ${(error as Error).message}`;
    else result.failure = { message: (error as Error).message, steps: [] };
  } finally {
    io.client.deadline = undefined;
  }
  result.ok = !result.failure && (!inputs.wait || result.phase === 'ACTIVE');
  redactFailure(result, io.secrets);
  return result;
}

/** The failure goes into the job summary, which the runner's masking does not cover. */
function redactFailure(result: DeployResult, secrets: string[]): void {
  if (!result.failure) return;
  result.failure.message = redact(result.failure.message, secrets);
  if (result.failure.logTail) result.failure.logTail = redact(result.failure.logTail, secrets);
  for (const step of result.failure.steps) if (step.reason) step.reason = redact(step.reason, secrets);
}

async function findApp(inputs: DeployInputs, io: FlowIo): Promise<App | undefined> {
  if (inputs.appId) {
    try {
      return await io.client.getApp(inputs.appId, io.signal);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404)
        throw new FlowError(`No app with id ${inputs.appId} (HTTP 404 from ${io.client.apiUrl}).`);
      throw error;
    }
  }
  return io.client.findAppByName(inputs.appName!, io.signal);
}

async function deployFlow(inputs: DeployInputs, io: FlowIo, result: DeployResult): Promise<void> {
  const { report } = io;
  let app = await findApp(inputs, io);
  let deployment: Deployment | undefined;
  if (!app) {
    if (!inputs.create || !inputs.spec)
      throw new FlowError(
        `No app named '${inputs.appName}' on this account. Set \`create: true\` (with \`spec\`) to create it.`,
      );
    const spec = prepareSpec(inputs, inputs.spec, io, result);
    app = await createApp(spec, inputs, io);
    report.info(`Created app ${spec.name} (${app.id}).`);
    deployment = app.pending_deployment;
  }
  result.appId = app.id;
  result.appName = app.spec?.name;
  result.previousDeploymentId = app.active_deployment?.id;
  secretValues(app.spec).forEach((s) => report.setSecret(s));
  if (!deployment && inputs.spec) refuseRename(app, inputs.spec);
  if (app.pinned_deployment)
    report.warning(
      `App ${app.spec?.name} is pinned to rollback deployment ${app.pinned_deployment.id}; ` +
        'App Platform refuses new deployments until that rollback is committed or reverted.',
    );
  if (!deployment) {
    try {
      deployment = await startDeployment(inputs, app, io, result);
    } catch (error) {
      if (await cancelUnconfirmed(app.id, io, result)) return;
      throw error;
    }
  }
  if (!deployment) throw new FlowError('App Platform started no deployment.');
  result.deployment = deployment;
  result.phase = deployment.phase ?? 'UNKNOWN';
  report.info(
    `Deployment ${deployment.id} (${deployment.cause ?? 'no cause given'}) started for ${app.spec?.name}.`,
  );
  if (!inputs.wait) return;
  const spec = inputs.spec ?? app.spec;
  await follow(app.id, deployment, spec, inputs, io, result);
}

/** A spec with another `name` would rename the app when PUT; nobody asks for that by accident. */
function refuseRename(app: App, spec: AppSpec): void {
  const current = app.spec?.name;
  if (!current || spec.name === current) return;
  throw new FlowError(
    `Input 'spec': its \`name\` '${spec.name}' differs from the name '${current}' of app ${app.id}; ` +
      'deploying it would rename the app, so nothing was changed. If the spec is for another app, ' +
      `point \`app-id\` (or \`app-name\`) at that app; if it is for this one, set its \`name\` to '${current}'. ` +
      'To rename the app on purpose, rename it in App Platform first (control panel, or ' +
      `\`doctl apps update ${app.id} --spec <file>\`), then deploy with the new name.`,
  );
}

/** Applies images from IMAGE_* variables and the `images` input to a copy of a spec. */
function prepareSpec(inputs: DeployInputs, base: AppSpec, io: FlowIo, result: DeployResult): AppSpec {
  const spec = cloneSpec(base);
  for (const { component, variable } of applyImageEnv(spec, io.env))
    result.imageChanges.push(`${component}: ${describeImage(imageOf(spec, component))} (from ${variable})`);
  for (const assignment of inputs.images) {
    if (!findComponent(spec, assignment.component))
      throw new FlowError(`Input 'images': the app spec has no component '${assignment.component}'.`);
    assignImage(spec, assignment);
    result.imageChanges.push(
      `${assignment.component}: ${describeImage(imageOf(spec, assignment.component))}`,
    );
  }
  return spec;
}

function imageOf(spec: AppSpec, component: string): ImageSource | undefined {
  return findComponent(spec, component)?.image as ImageSource | undefined;
}

async function createApp(spec: AppSpec, inputs: DeployInputs, io: FlowIo): Promise<App> {
  return writeOnce(
    io,
    'create the app',
    () => io.client.createApp(spec, inputs.projectId, io.signal),
    () => io.client.findAppByName(spec.name!, io.signal),
  );
}

async function startDeployment(
  inputs: DeployInputs,
  app: App,
  io: FlowIo,
  result: DeployResult,
): Promise<Deployment | undefined> {
  const { client, report } = io;
  const spec = prepareSpec(inputs, inputs.spec ?? app.spec, io, result);
  for (const change of result.imageChanges) report.info(`Image ${change}`);
  const before = await knownDeploymentIds(client, app, io.history, io.signal);
  io.knownBefore = before;
  const newDeployment = () => findNewDeployment(client, app.id, before, io.signal);
  if (inputs.spec || result.imageChanges.length) {
    const updated = await writeOnce(
      io,
      'update the app spec',
      () => client.updateApp(app.id, spec, io.signal),
      async () => {
        const found = await newDeployment();
        return found ? { ...(await client.getApp(app.id, io.signal)), pending_deployment: found } : undefined;
      },
    );
    if (updated.pending_deployment) {
      if (inputs.forceBuild)
        report.info(
          'The spec update started a deployment; `force-build` applies only when the spec is unchanged.',
        );
      return updated.pending_deployment;
    }
    report.info('The spec is unchanged; creating a deployment.');
  }
  return writeOnce(
    io,
    'create a deployment',
    () => client.createDeployment(app.id, inputs.forceBuild, io.signal),
    newDeployment,
  );
}

async function knownDeploymentIds(
  client: AppsClient,
  app: App,
  history: FlowIo['history'],
  signal?: AbortSignal,
): Promise<Set<string>> {
  const listed = await client.listDeployments(app.id, 1, 20, signal);
  Object.assign(history, deployHistory(listed));
  const ids = [app.active_deployment, app.in_progress_deployment, app.pending_deployment, ...listed]
    .filter((d): d is Deployment => Boolean(d?.id))
    .map((d) => d.id);
  return new Set(ids);
}

/** A deployment the app did not have before: what an ambiguous write made, if anything. */
async function findNewDeployment(
  client: AppsClient,
  appId: string,
  before: Set<string>,
  signal?: AbortSignal,
): Promise<Deployment | undefined> {
  const app = await client.getApp(appId, signal);
  const fresh = [app.pending_deployment, app.in_progress_deployment, app.pinned_deployment].find(
    (d) => d?.id && !before.has(d.id),
  );
  if (fresh) return fresh;
  const listed = await client.listDeployments(appId, 1, 20, signal);
  return listed.find((d) => !before.has(d.id));
}

/**
 * Sends a write at most once per attempt: when its outcome is unknown, looks for its effect
 * first, and only repeats it when there is none.
 */
async function writeOnce<T>(
  io: FlowIo,
  what: string,
  write: () => Promise<T>,
  effect: () => Promise<T | undefined>,
  attempts = 3,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof AmbiguousWriteError)) throw error;
      io.report.warning(`${error.message}. Checking whether it took effect before trying again.`);
      await io.clock.sleep(1000 * attempt, io.signal);
      const found = await effect();
      if (found) {
        io.report.info(`It did: found what the request to ${what} made.`);
        return found;
      }
      if (attempt >= attempts) throw error;
      io.report.info(`It did not; trying to ${what} again.`);
    }
  }
}

const PHASE_TEXT: Partial<Record<Phase, string>> = {
  PENDING_BUILD: 'waiting to build',
  BUILDING: 'building',
  PENDING_DEPLOY: 'waiting to deploy',
  DEPLOYING: 'deploying',
  ACTIVE: 'active',
};

/** Waits for a deployment and records its outcome, explanation and logs in the result. */
async function follow(
  appId: string,
  deployment: Deployment,
  spec: AppSpec,
  inputs: DeployInputs,
  io: FlowIo,
  result: DeployResult,
): Promise<void> {
  const { client, clock, report } = io;
  const started = clock.now();
  report.group(
    `Waiting for deployment ${deployment.id} (${formatDuration(Math.max(0, io.deadline - started))} ` +
      `left of the timeout of ${formatDuration(inputs.timeoutMs)})`,
  );
  const waited = await waitForDeployment(client, appId, deployment.id, {
    clock,
    deadline: io.deadline,
    signal: io.signal,
    history: io.history,
    onPhase: (phase) =>
      report.info(
        `[${elapsed(clock, started)}] phase ${phase}${PHASE_TEXT[phase] ? ` (${PHASE_TEXT[phase]})` : ''}`,
      ),
    onStep: (event) =>
      report.info(
        `[${elapsed(clock, started)}] ${event.kind === 'started' ? '▶' : event.kind === 'succeeded' ? '✔' : '✖'} ` +
          `${event.title}${event.kind === 'started' ? '' : ` ${event.kind}`}` +
          (event.durationMs !== undefined && event.kind !== 'started'
            ? ` in ${formatDuration(event.durationMs)}`
            : '') +
          (event.step.reason?.message ? `: ${event.step.reason.message}` : ''),
      ),
    onPollError: (error, retryIn) =>
      report.info(
        `Could not read the deployment (${(error as Error).message}); again in ${formatDuration(retryIn)}.`,
      ),
  });
  report.endGroup();
  // The timeout bounds the run up to here; what follows (logs, cancel, commit) has its own bounds.
  client.deadline = undefined;
  result.timeline = waited.timeline;
  const current = waited.deployment ?? deployment;
  result.deployment = current;
  result.phase = current.phase ?? 'UNKNOWN';
  if (waited.outcome === 'cancelled') return cancelDeployment(appId, current, io, result);
  if (waited.outcome === 'timeout') {
    result.failure = {
      message:
        `Deployment ${current.id} did not finish within ${formatDuration(inputs.timeoutMs)} ` +
        `(still ${result.phase}). It goes on in App Platform; raise \`timeout\` or watch it there.`,
      steps: [],
    };
    return;
  }
  if (result.phase === 'ACTIVE') {
    report.info(`Deployment ${current.id} is ACTIVE after ${elapsed(clock, started)}.`);
    result.liveUrl = await liveUrl(appId, spec, io.deadline, io);
    if (inputs.printLogs === 'always')
      await collectLogs(appId, current, [{ type: 'BUILD' }, { type: 'DEPLOY' }], io, result);
    return;
  }
  await explainFailure(appId, current, inputs, io, result);
}

function elapsed(clock: Clock, since: number): string {
  return formatDuration(clock.now() - since);
}

/** The app's live URL once it has one; apps with no HTTP component never get one. */
async function liveUrl(appId: string, spec: AppSpec, deadline: number, io: FlowIo): Promise<string> {
  const serves = servesHttp(spec);
  const limit = Math.min(deadline, io.clock.now() + 60_000);
  for (;;) {
    const app = await io.client.getApp(appId, io.signal);
    if (app.live_url || !serves) return app.live_url ?? '';
    if (io.clock.now() >= limit || io.signal?.aborted) {
      io.report.warning('The deployment is ACTIVE but App Platform reports no live URL yet.');
      return '';
    }
    await io.clock.sleep(2000, io.signal);
  }
}

/**
 * Cancelled while a write was under way: the write may still have started a deployment. Looks
 * for it (briefly) and cancels it; true when it found one.
 */
async function cancelUnconfirmed(appId: string, io: FlowIo, result: DeployResult): Promise<boolean> {
  if (!io.signal?.aborted || !io.knownBefore) return false;
  io.client.deadline = undefined;
  const found = await findNewDeployment(io.client, appId, io.knownBefore, AbortSignal.timeout(10_000)).catch(
    () => undefined,
  );
  if (!found) return false;
  result.deployment = found;
  result.phase = found.phase ?? 'UNKNOWN';
  await cancelDeployment(appId, found, io, result);
  return true;
}

async function cancelDeployment(appId: string, deployment: Deployment, io: FlowIo, result: DeployResult) {
  result.cancelled = true;
  try {
    // The job is being stopped: the cancel request gets a short, fixed allowance.
    const cancelled = await io.client.cancelDeployment(appId, deployment.id, AbortSignal.timeout(10_000));
    result.phase = cancelled?.phase ?? 'CANCELED';
    result.failure = {
      message: `The job was cancelled: cancelled deployment ${deployment.id} (it was ${deployment.phase ?? 'starting'}).`,
      steps: [],
    };
  } catch (error) {
    result.failure = {
      message: `The job was cancelled, and cancelling deployment ${deployment.id} failed: ${(error as Error).message}`,
      steps: [],
    };
  }
}

async function explainFailure(
  appId: string,
  deployment: Deployment,
  inputs: DeployInputs,
  io: FlowIo,
  result: DeployResult,
): Promise<void> {
  const phase = deployment.phase;
  if (phase === 'SUPERSEDED') {
    const by = await replacement(appId, deployment, io);
    result.failure = {
      message: `Deployment ${deployment.id} was SUPERSEDED${by ? ` by deployment ${by}` : ''}: a newer deployment replaced it before it went live.`,
      steps: [],
    };
    return;
  }
  if (phase === 'CANCELED') {
    result.failure = {
      message: `Deployment ${deployment.id} was CANCELED (in App Platform, not by this job).`,
      steps: [],
    };
    return;
  }
  const steps = failedSteps(deployment);
  const first = steps[0];
  const where = first
    ? `${first.title}${first.component ? ` (component ${first.component})` : ''}`
    : 'an unknown step';
  const reason = first?.reason ? `: ${first.reason}` : '';
  result.failure = { message: `Deployment ${deployment.id} failed (${phase}) at ${where}${reason}.`, steps };
  if (inputs.printLogs === 'never') return;
  const logs = await collectLogs(appId, deployment, logsForFailure(steps), io, result);
  const main = logs.find((l) => l.text) ?? logs[0];
  if (main?.text) result.failure.logTail = lastLines(main.text, 100);
}

async function replacement(appId: string, deployment: Deployment, io: FlowIo): Promise<string | undefined> {
  try {
    const app = await io.client.getApp(appId, io.signal);
    return [app.in_progress_deployment, app.pending_deployment, app.active_deployment].find(
      (d) => d?.id && d.id !== deployment.id,
    )?.id;
  } catch {
    return undefined;
  }
}

/** Fetches logs, writes them all to the logs file and prints the last 100 lines of each. */
async function collectLogs(
  appId: string,
  deployment: Deployment,
  requests: LogRequest[],
  io: FlowIo,
  result: DeployResult,
): Promise<FetchedLog[]> {
  const logs = await fetchLogs(io.client, appId, deployment.id, requests, io.signal);
  secretValues(deployment.spec).forEach((s) => io.report.setSecret(s));
  const secrets = io.secrets;
  result.logsFile = writeLogsFile(io.tempDir, deployment.id, logs, secrets);
  for (const log of logs) {
    io.report.group(`${logHeading(log)} (last 100 lines; all in ${result.logsFile})`);
    io.report.info(log.error ? `Could not fetch it: ${log.error}` : lastLines(log.text, 100) || '(empty)');
    io.report.endGroup();
  }
  return logs;
}

async function rollbackFlow(inputs: DeployInputs, io: FlowIo, result: DeployResult): Promise<void> {
  const { client, report } = io;
  const app = await findApp(inputs, io);
  if (!app) throw new FlowError(`No app named '${inputs.appName}' on this account.`);
  result.appId = app.id;
  result.appName = app.spec?.name;
  result.previousDeploymentId = app.active_deployment?.id;
  secretValues(app.spec).forEach((s) => report.setSecret(s));
  const target =
    inputs.rollbackTo === 'previous'
      ? await previousDeployment(app, io)
      : await validTarget(app, inputs.rollbackTo!, io);
  result.rollbackTarget = target;
  report.info(`Rolling ${app.spec?.name} back to deployment ${target}.`);
  const before = await knownDeploymentIds(client, app, io.history, io.signal);
  const deployment = await writeOnce(
    io,
    'start the rollback',
    () => client.rollback(app.id, target, io.signal),
    () => findNewDeployment(client, app.id, before, io.signal),
  );
  result.deployment = deployment;
  result.phase = deployment.phase ?? 'UNKNOWN';
  report.info(
    `Rollback deployment ${deployment.id} started; the app is pinned to it until committed or reverted.`,
  );
  if (!inputs.wait) {
    report.warning('`wait: false`: the rollback is neither committed nor reverted; the app stays pinned.');
    return;
  }
  await follow(app.id, deployment, deployment.spec ?? app.spec, inputs, io, result);
  if (result.phase === 'ACTIVE' && !result.failure) {
    await client.commitRollback(app.id, io.signal).catch((error: Error) => {
      throw new FlowError(
        `Rollback deployment ${deployment.id} is ACTIVE, but committing it failed (${error.message}); ` +
          'the app stays pinned to it, refusing new deployments, until the rollback is committed ' +
          '(run this again) or reverted.',
      );
    });
    report.info(`Rollback committed: ${app.spec?.name} runs deployment ${deployment.id} and is unpinned.`);
    return;
  }
  if (
    result.phase !== 'CANCELED' &&
    result.phase !== 'ERROR' &&
    result.phase !== 'SUPERSEDED' &&
    !result.cancelled
  ) {
    await client.cancelDeployment(app.id, deployment.id).catch(() => undefined);
  }
  try {
    const revert = await client.revertRollback(app.id);
    const message = `The rollback was reverted${revert?.id ? ` (deployment ${revert.id} restores the spec from before it)` : ''}; the app is unpinned.`;
    report.warning(message);
    if (result.failure) result.failure.message += ` ${message}`;
  } catch (error) {
    report.warning(`Reverting the rollback failed: ${(error as Error).message}. The app may stay pinned.`);
  }
}

/**
 * A deployment that reached ACTIVE: still ACTIVE, or SUPERSEDED after going live (all steps
 * done), unlike one superseded midway.
 */
export function wentLive(d: Deployment): boolean {
  if (d.phase === 'ACTIVE') return true;
  if (d.phase !== 'SUPERSEDED') return false;
  const steps = flattenSteps(d.progress?.steps).map((f) => f.step);
  return steps.length > 0 && steps.every((s) => s.status === 'SUCCESS');
}

/** Validates a rollback target, showing its warnings; refuses with App Platform's reason. */
async function validTarget(app: App, target: string, io: FlowIo): Promise<string> {
  const validation = await io.client.validateRollback(app.id, target, io.signal);
  if (!validation.valid)
    throw new FlowError(
      `App Platform refuses to roll back to ${target}: ` +
        `${validation.error?.code ?? 'invalid'}: ${validation.error?.message ?? 'no reason given'}.`,
    );
  for (const warning of validation.warnings ?? [])
    io.report.warning(`Rollback to ${target}: ${warning.code ?? 'warning'}: ${warning.message ?? ''}`);
  return target;
}

const MAX_CANDIDATES = 5;

/**
 * The last deployment before the live one that App Platform accepts as a rollback target.
 * Deployments that visibly went live are tried first; a SUPERSEDED one may have gone live
 * too, so App Platform's validation decides, for a few candidates at most.
 */
async function previousDeployment(app: App, io: FlowIo): Promise<string> {
  const current = app.active_deployment;
  const currentTime = Date.parse(current?.created_at ?? '') || Infinity;
  const earlier = (await io.client.listDeployments(app.id, 1, 50, io.signal))
    .filter((d) => d.id !== current?.id && (d.phase === 'ACTIVE' || d.phase === 'SUPERSEDED'))
    .filter((d) => (Date.parse(d.created_at ?? '') || 0) < currentTime)
    .sort((a, b) => Date.parse(b.created_at ?? '') - Date.parse(a.created_at ?? ''));
  const candidates = [...earlier.filter(wentLive), ...earlier.filter((d) => !wentLive(d))].slice(
    0,
    MAX_CANDIDATES,
  );
  const refused: string[] = [];
  for (const candidate of candidates) {
    const validation = await io.client.validateRollback(app.id, candidate.id, io.signal);
    if (validation.valid) {
      for (const warning of validation.warnings ?? [])
        io.report.warning(
          `Rollback to ${candidate.id}: ${warning.code ?? 'warning'}: ${warning.message ?? ''}`,
        );
      return candidate.id;
    }
    const reason = `${validation.error?.code ?? 'invalid'}: ${validation.error?.message ?? ''}`;
    if (validation.error?.code === 'app_pinned')
      throw new FlowError(`App Platform refuses to roll back ${app.spec?.name}: ${reason}.`);
    refused.push(`${candidate.id} (${reason})`);
  }
  throw new FlowError(
    `Input 'rollback-to': 'previous' needs an earlier deployment of ${app.spec?.name} that went live; ` +
      (refused.length ? `App Platform refused ${refused.join(', ')}.` : 'there is none.'),
  );
}
