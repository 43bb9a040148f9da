// Following one deployment until it reaches a final phase, the deadline passes or the job is
// cancelled. Polling adapts: slow during long builds, quick right after progress changes and in
// the phases that end in ACTIVE, so ACTIVE is noticed within a second while the average request
// rate stays low.
import type { Clock } from '../../../lib/clock.js';
import { isTransient, TERMINAL_PHASES, type AppsClient, type Deployment, type Phase } from './api.js';
import { stepDuration, StepTracker, type StepEvent } from './progress.js';

export interface PhaseRecord {
  phase: Phase;
  /** Clock time when the phase was first seen. */
  at: number;
}

export interface WaitResult {
  outcome: 'finished' | 'timeout' | 'cancelled';
  deployment?: Deployment;
  timeline: PhaseRecord[];
  polls: number;
}

export interface WaitOptions {
  clock: Clock;
  /** Clock time after which waiting stops. */
  deadline: number;
  signal?: AbortSignal;
  /** What earlier deployments of the app took; lets polling relax where nothing can end yet. */
  history?: DeployHistory;
  onPhase?: (phase: Phase, deployment: Deployment) => void;
  onStep?: (event: StepEvent) => void;
  onPollError?: (error: unknown, retryInMs: number) => void;
  pollDelay?: (poll: PollState) => number;
}

export interface DeployHistory {
  /** The shortest deploy step (DEPLOYING phase) among recent deployments that went live. */
  shortestDeployMs?: number;
}

export interface PollState {
  phase: Phase;
  /** Since a phase or step last changed. */
  sinceChangeMs: number;
  /** Since the current phase began (as far as can be told). */
  inPhaseMs: number;
  deployment?: Deployment;
  history?: DeployHistory;
}

/** ACTIVE can follow these directly or after a short step; poll them quickly. */
const NEAR_ACTIVE_MS = 900;
const BUILD_MIN_MS = 1500;
const BUILD_MAX_MS = 8000;
const RELAXED_MAX_MS = 3000;
/** Longest build poll when history shows deploys are long enough to allow it. */
const BUILD_HISTORY_MAX_MS = 12_000;

/**
 * Delay before the next poll, measured from the start of the last one.
 * - PENDING_DEPLOY and DEPLOYING end in ACTIVE: poll within a second, except early in a deploy
 *   when every recent deploy of this app took at least three times as long as this one has so far.
 * - During a build the delay grows with the time since anything changed (a step starting or
 *   finishing), so a long build costs few requests while the moments after a change, when the
 *   next usually follows, are watched closely. It stays below a third of the shortest recent deploy,
 *   so even a quick deploy after the build is seen before it ends.
 */
export function adaptivePollDelay(poll: PollState): number {
  const shortest = poll.history?.shortestDeployMs;
  switch (poll.phase) {
    case 'PENDING_DEPLOY':
      return NEAR_ACTIVE_MS;
    case 'DEPLOYING':
      if (shortest && poll.inPhaseMs < shortest / 3)
        return clamp(shortest / 3 - poll.inPhaseMs, NEAR_ACTIVE_MS, RELAXED_MAX_MS);
      return NEAR_ACTIVE_MS;
    case 'BUILDING': {
      // Once the build steps are done, a short deploy may follow at once.
      if (poll.deployment && buildStepsDone(poll.deployment)) return NEAR_ACTIVE_MS;
      const cap = shortest ? clamp(shortest / 3, BUILD_MIN_MS, BUILD_HISTORY_MAX_MS) : BUILD_MAX_MS;
      return clamp(poll.sinceChangeMs / 4, BUILD_MIN_MS, cap);
    }
    default:
      return clamp(poll.sinceChangeMs / 2, 1000, RELAXED_MAX_MS);
  }
}

/** The shortest deploy step among deployments that completed it. */
export function deployHistory(deployments: Deployment[]): DeployHistory {
  const durations = deployments
    .slice(0, 10)
    .map((d) => (d.progress?.steps ?? []).find((s) => /deploy/i.test(s.name ?? '') && s.status === 'SUCCESS'))
    .map((step) => (step ? stepDuration(step) : undefined))
    .filter((ms): ms is number => ms !== undefined && ms > 0);
  return durations.length >= 2 ? { shortestDeployMs: Math.min(...durations) } : {};
}

function buildStepsDone(deployment: Deployment): boolean {
  const build = (deployment.progress?.steps ?? []).filter((s) => /build/i.test(s.name ?? ''));
  return build.length > 0 && build.every((s) => s.status === 'SUCCESS');
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export async function waitForDeployment(
  client: AppsClient,
  appId: string,
  deploymentId: string,
  options: WaitOptions,
): Promise<WaitResult> {
  const { clock } = options;
  const pollDelay = options.pollDelay ?? adaptivePollDelay;
  const timeline: PhaseRecord[] = [];
  const tracker = new StepTracker();
  let deployment: Deployment | undefined;
  let lastChange = clock.now();
  let failures = 0;
  let polls = 0;
  const finish = (outcome: WaitResult['outcome']): WaitResult => ({ outcome, deployment, timeline, polls });
  const expired = () => clock.now() >= options.deadline;
  for (;;) {
    if (options.signal?.aborted) return finish('cancelled');
    const started = clock.now();
    let delay: number;
    try {
      polls++;
      // A request (with its retries) may not outlast the deadline either.
      const bound = AbortSignal.timeout(Math.ceil(Math.max(1, options.deadline - started)));
      const signal = AbortSignal.any([bound, ...(options.signal ? [options.signal] : [])]);
      deployment = await client.getDeployment(appId, deploymentId, signal);
      failures = 0;
      if (observe(deployment, timeline, tracker, options, started)) lastChange = started;
      const phase = deployment.phase ?? 'UNKNOWN';
      if (TERMINAL_PHASES.includes(phase)) return finish('finished');
      const phaseSince = Date.parse(deployment.phase_last_updated_at ?? '');
      // The phase began no later than App Platform says, nor than this poller first saw it.
      const inPhaseMs = Math.max(
        started - timeline.at(-1)!.at,
        Number.isNaN(phaseSince) ? 0 : started - phaseSince,
      );
      delay = pollDelay({
        phase,
        sinceChangeMs: started - lastChange,
        inPhaseMs,
        deployment,
        history: options.history,
      });
    } catch (error) {
      if (options.signal?.aborted) return finish('cancelled');
      if (expired()) return finish('timeout');
      if (!isTransient(error)) throw error;
      failures++;
      delay = Math.min(30_000, 2000 * 2 ** (failures - 1));
      options.onPollError?.(error, delay);
    }
    if (expired()) return finish('timeout');
    const wait = Math.min(started + delay, options.deadline) - clock.now();
    await clock.sleep(Math.max(0, wait), options.signal);
  }
}

/** Records phase changes and step events; true when anything changed. */
function observe(
  deployment: Deployment,
  timeline: PhaseRecord[],
  tracker: StepTracker,
  options: WaitOptions,
  at: number,
): boolean {
  const phase = deployment.phase ?? 'UNKNOWN';
  const newPhase = timeline.at(-1)?.phase !== phase;
  const events = tracker.update(deployment);
  // A new phase heads the steps that start in it; a final phase comes after the steps that led to it.
  const final = TERMINAL_PHASES.includes(phase);
  if (newPhase) timeline.push({ phase, at });
  if (newPhase && !final) options.onPhase?.(phase, deployment);
  events.forEach((event) => options.onStep?.(event));
  if (newPhase && final) options.onPhase?.(phase, deployment);
  return newPhase || events.length > 0;
}
