// Following one deployment until it reaches a final phase, the deadline passes or the job is
// cancelled. Polling adapts: slow during long builds, quick right after progress changes and in
// the phases that end in ACTIVE, so ACTIVE is noticed within a second while the average request
// rate stays low.
import type { Clock } from '../../../lib/clock.js';
import { isTransient, TERMINAL_PHASES, type AppsClient, type Deployment, type Phase } from './api.js';
import { StepTracker, type StepEvent } from './progress.js';

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
  onPhase?: (phase: Phase, deployment: Deployment) => void;
  onStep?: (event: StepEvent) => void;
  onPollError?: (error: unknown, retryInMs: number) => void;
  pollDelay?: (phase: Phase, sinceChangeMs: number) => number;
}

/** ACTIVE can follow these directly or after a short step; poll them quickly. */
const NEAR_ACTIVE_MS = 900;
const BUILD_MIN_MS = 1500;
const BUILD_MAX_MS = 8000;

/**
 * Delay before the next poll, measured from the start of the last one. During a build the
 * delay grows with the time since anything changed (a step starting or finishing), so a long
 * build costs few requests while the moments after a change, when the next usually follows
 * soon, are watched closely.
 */
export function adaptivePollDelay(phase: Phase, sinceChangeMs: number): number {
  switch (phase) {
    case 'PENDING_DEPLOY':
    case 'DEPLOYING':
      return NEAR_ACTIVE_MS;
    case 'BUILDING':
      return clamp(sinceChangeMs / 4, BUILD_MIN_MS, BUILD_MAX_MS);
    default:
      return clamp(sinceChangeMs / 2, 1000, 3000);
  }
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
      delay = pollDelay(phase, started - lastChange);
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
  let changed = false;
  if (timeline.at(-1)?.phase !== phase) {
    timeline.push({ phase, at });
    options.onPhase?.(phase, deployment);
    changed = true;
  }
  for (const event of tracker.update(deployment)) {
    options.onStep?.(event);
    changed = true;
  }
  return changed;
}
