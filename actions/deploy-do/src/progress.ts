// Deployment progress: flattening steps, noticing which started or finished since the last poll,
// and finding the steps that failed.
import type { Deployment, LogType, Step } from './api.js';

export interface FlatStep {
  key: string;
  path: string[];
  step: Step;
}

export function flattenSteps(steps: Step[] | undefined, path: string[] = []): FlatStep[] {
  return (steps ?? []).flatMap((step, index) => {
    const label = step.name ?? String(index);
    const here = [...path, label + (step.component_name ? `:${step.component_name}` : '')];
    return [{ key: here.join('/'), path: here, step }, ...flattenSteps(step.steps, here)];
  });
}

export function stepTitle(step: Step): string {
  const component = step.component_name;
  if (step.message_base) return component ? `${step.message_base} ${component}` : step.message_base;
  const name = step.name ?? 'step';
  return component && component !== name ? `${name} ${component}` : name;
}

export interface StepEvent {
  kind: 'started' | 'succeeded' | 'failed';
  title: string;
  step: Step;
  durationMs?: number;
}

/** Remembers step statuses between polls and reports what changed. */
export class StepTracker {
  private readonly seen = new Map<string, Step['status']>();

  update(deployment: Deployment): StepEvent[] {
    const events: StepEvent[] = [];
    for (const { key, step } of flattenSteps(deployment.progress?.steps)) {
      const before = this.seen.get(key);
      const now = step.status;
      if (now === before) continue;
      this.seen.set(key, now);
      if (now === 'RUNNING') events.push({ kind: 'started', title: stepTitle(step), step });
      else if (now === 'SUCCESS' || now === 'ERROR') {
        events.push({
          kind: now === 'SUCCESS' ? 'succeeded' : 'failed',
          title: stepTitle(step),
          step,
          durationMs: stepDuration(step),
        });
      }
    }
    return events;
  }
}

export function stepDuration(step: Step): number | undefined {
  const start = Date.parse(step.started_at ?? '');
  const end = Date.parse(step.ended_at ?? '');
  return Number.isNaN(start) || Number.isNaN(end) ? undefined : Math.max(0, end - start);
}

export interface FailedStep {
  title: string;
  component?: string;
  reason?: string;
  code?: string;
  logType: LogType;
}

/** The innermost failed steps, each with the component, its reason and which logs explain it. */
export function failedSteps(deployment: Deployment): FailedStep[] {
  const flat = flattenSteps(deployment.progress?.steps);
  const failed = flat.filter(({ step }) => step.status === 'ERROR');
  const innermost = failed.filter(
    ({ key }) => !failed.some((other) => other.key !== key && other.key.startsWith(key + '/')),
  );
  return innermost.map(({ path, step }) => {
    const component = step.component_name ?? componentInPath(flat, path);
    const reasonSource =
      step.reason ?? failed.find((f) => path.join('/').startsWith(f.key) && f.step.reason)?.step.reason;
    return {
      title: stepTitle(step),
      component,
      reason: reasonSource?.message,
      code: reasonSource?.code,
      // Only step names decide, not component names (a component may be called `builder`).
      logType: path.some((p) => /build/i.test(p.split(':')[0])) ? 'BUILD' : 'DEPLOY',
    };
  });
}

function componentInPath(flat: FlatStep[], path: string[]): string | undefined {
  for (let depth = path.length - 1; depth > 0; depth--) {
    const parent = flat.find((f) => f.key === path.slice(0, depth).join('/'));
    if (parent?.step.component_name) return parent.step.component_name;
  }
  return undefined;
}
