// The emulator's state: apps, their deployments, and what happens to them over time.
// Time only moves through `advance()`, which applies every due event in time order, so a
// fake clock gives deterministic runs and a real clock gives real-time ones.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../lib/clock.js';
import { FaultQueue, type DeploymentFault } from './faults.js';
import { SecretBox } from './secrets.js';
import {
  componentsOf,
  defaultPhaseMs,
  naturalEnd,
  phaseAt,
  phaseStarts,
  runtimeEnv,
  type AppSpec,
  type Component,
  type DeploymentRecord,
  type PhaseDurations,
  type PlannedFailure,
} from './model.js';

export interface RunningService {
  url: string;
  stop(): void | Promise<void>;
}

export interface ServiceContext {
  /** Run-time environment from the spec (app-level and component envs, secrets included). */
  env: Record<string, string>;
  /** The component's `http_port` (8080 when the spec has none); also in `env.PORT`. */
  port: number;
  appId: string;
  deploymentId: string;
}

export type RunService = (component: Component, context: ServiceContext) => Promise<RunningService>;

export type PhaseMsOption =
  | number
  | Partial<PhaseDurations>
  | ((deployment: { index: number; appId: string; cause: string }) => Partial<PhaseDurations>);

export interface AppRecord {
  id: string;
  spec: AppSpec;
  projectId: string;
  ownerUuid: string;
  createdAt: number;
  updatedAt: number;
  ingressSuffix: string;
  /** Newest first. */
  deployments: DeploymentRecord[];
  activeId?: string;
  pinned?: { deploymentId: string; revertToId?: string; revertSpec: AppSpec };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
  ) {
    super(message);
  }
}

export interface PlatformOptions {
  clock: Clock;
  phaseMs?: PhaseMsOption;
  runService?: RunService;
  faults: FaultQueue;
}

const DEFAULT_FAILURE_REASONS = {
  BUILD: { code: 'BuildJobExitNonZero', message: 'Your build job failed with a non-zero exit code.' },
  DEPLOY: {
    code: 'DeployContainerHealthChecksFailed',
    message: 'Your deploy failed because your container did not pass health checks.',
  },
};

export class Platform {
  readonly apps = new Map<string, AppRecord>();
  private readonly running = new Map<string, RunningService[]>();
  private deploymentCount = 0;
  private readonly secrets = new SecretBox();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: PlatformOptions) {}

  now(): number {
    return this.options.clock.now();
  }

  /** Applies every event due by now (phase ends, service starts, scripted rivals), in time order. */
  advance(): Promise<void> {
    return this.exclusive(() => this.applyDueEvents());
  }

  /** Runs `fn` after due events are applied, with no other state change in between. */
  exclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      await this.applyDueEvents();
      return fn();
    });
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  app(id: string): AppRecord {
    const app = this.apps.get(id);
    if (!app) throw new ApiError(404, 'not_found', 'The resource you were accessing could not be found.');
    return app;
  }

  appByName(name: string): AppRecord {
    const app = [...this.apps.values()].find((a) => a.spec.name === name);
    if (!app) throw new ApiError(404, 'not_found', 'The resource you were accessing could not be found.');
    return app;
  }

  deployment(app: AppRecord, id: string): DeploymentRecord {
    const d = app.deployments.find((x) => x.id === id);
    if (!d) throw new ApiError(404, 'not_found', 'The resource you were accessing could not be found.');
    return d;
  }

  createApp(
    spec: AppSpec,
    projectId?: string,
    seeded = false,
  ): { app: AppRecord; deployment: DeploymentRecord } {
    validateSpec(spec);
    spec = this.sealed(spec);
    if ([...this.apps.values()].some((a) => a.spec.name === spec.name)) {
      throw new ApiError(409, 'conflict', `an app with the name "${spec.name}" already exists`);
    }
    const now = this.now();
    const app: AppRecord = {
      id: randomUUID(),
      spec,
      projectId: projectId ?? randomUUID(),
      ownerUuid: randomUUID(),
      createdAt: now,
      updatedAt: now,
      ingressSuffix: randomBytes(3).toString('hex').slice(0, 5),
      deployments: [],
    };
    this.apps.set(app.id, app);
    return { app, deployment: this.startDeployment(app, spec, 'initial deployment', { seeded }) };
  }

  /** A new spec deploys; the same spec does not (unless every source should be refetched). */
  updateApp(app: AppRecord, spec: AppSpec, updateAllSources = false): DeploymentRecord | undefined {
    validateSpec(spec);
    this.refuseWhenPinned(app);
    spec = this.sealed(spec);
    // Sealing twice gives different ciphertexts; compare what the values mean.
    const plain = (s: AppSpec) => JSON.stringify(this.secrets.openSpec(s));
    const changed = plain(spec) !== plain(app.spec);
    app.spec = spec;
    app.updatedAt = this.now();
    if (!changed && !updateAllSources) return undefined;
    return this.startDeployment(app, spec, 'app spec updated', {});
  }

  createDeployment(app: AppRecord, forceBuild: boolean): DeploymentRecord {
    this.refuseWhenPinned(app);
    return this.startDeployment(app, app.spec, forceBuild ? 'manual (force rebuild)' : 'manual', {
      forceBuild,
    });
  }

  async cancel(d: DeploymentRecord): Promise<DeploymentRecord> {
    if (d.end) {
      throw new ApiError(
        400,
        'bad_request',
        `deployment ${d.id} is ${d.end.phase} and can no longer be canceled`,
      );
    }
    await this.finish(d, { phase: 'CANCELED', at: this.now() });
    return d;
  }

  async deleteApp(app: AppRecord): Promise<void> {
    this.apps.delete(app.id);
    await Promise.all(app.deployments.map((d) => this.stopServices(d.id)));
  }

  /** Puts a ready app in place without going through phases (test set-up). */
  seedApp(spec: AppSpec): AppRecord {
    return this.createApp(spec, undefined, true).app;
  }

  // ---- rollback ----

  validateRollback(app: AppRecord, targetId: string): RollbackValidation {
    const target = this.deployment(app, targetId);
    const condition = (code: string, message: string) => ({
      valid: false,
      error: { code, message, components: [] },
    });
    if (app.pinned) {
      return condition(
        'app_pinned',
        `the app is pinned to deployment ${app.pinned.deploymentId}; commit or revert that rollback first`,
      );
    }
    if (target.end?.phase !== 'ACTIVE') {
      const phase = phaseAt(target, this.now());
      return condition('incompatible_result', `deployment ${target.id} never became active (phase ${phase})`);
    }
    if (target.id === app.activeId) {
      return condition('incompatible_phase', `deployment ${target.id} is the active deployment`);
    }
    const undigested = componentsOf(target.spec).filter((c) => c.spec.image && !c.spec.image.digest);
    if (undigested.length === 0) return { valid: true };
    return {
      valid: true,
      warnings: [
        {
          code: 'image_source_missing_digest',
          message:
            'one or more components are missing an image digest and are not guaranteed rollback to the old version.',
          components: undigested.map((c) => c.name),
        },
      ],
    };
  }

  rollback(app: AppRecord, targetId: string, skipPin: boolean): DeploymentRecord {
    const validation = this.validateRollback(app, targetId);
    if (!validation.valid) throw new ApiError(400, 'invalid_argument', validation.error!.message);
    const target = this.deployment(app, targetId);
    const revertSpec = app.spec;
    const revertToId = app.activeId;
    app.spec = target.spec;
    const d = this.startDeployment(app, target.spec, `manual rollback to deployment ${target.id}`, {
      clonedFrom: target.id,
      reuseBuild: true,
    });
    if (!skipPin) app.pinned = { deploymentId: d.id, revertToId, revertSpec };
    return d;
  }

  commitRollback(app: AppRecord): void {
    if (!app.pinned) throw new ApiError(400, 'bad_request', 'the app is not pinned to a rollback');
    app.pinned = undefined;
  }

  revertRollback(app: AppRecord): DeploymentRecord {
    const pinned = app.pinned;
    if (!pinned) throw new ApiError(400, 'bad_request', 'the app is not pinned to a rollback');
    app.pinned = undefined;
    app.spec = pinned.revertSpec;
    return this.startDeployment(
      app,
      pinned.revertSpec,
      `revert of rollback deployment ${pinned.deploymentId}`,
      {
        clonedFrom: pinned.revertToId,
        reuseBuild: true,
      },
    );
  }

  serviceUrl(deploymentId: string): string | undefined {
    return this.running.get(deploymentId)?.[0]?.url;
  }

  async close(): Promise<void> {
    await this.queue;
    await Promise.all([...this.running.keys()].map((id) => this.stopServices(id)));
  }

  // ---- internals ----

  private sealed(spec: AppSpec): AppSpec {
    try {
      return this.secrets.sealSpec(spec);
    } catch (error) {
      throw new ApiError(400, 'invalid_argument', (error as Error).message);
    }
  }

  private refuseWhenPinned(app: AppRecord): void {
    if (app.pinned) {
      throw new ApiError(
        409,
        'conflict',
        `the app is pinned to rollback deployment ${app.pinned.deploymentId}; commit or revert the rollback first`,
      );
    }
  }

  private durationsFor(index: number, appId: string, cause: string): PhaseDurations {
    const option = this.options.phaseMs;
    if (typeof option === 'number') {
      return { PENDING_BUILD: option, BUILDING: option, PENDING_DEPLOY: option, DEPLOYING: option };
    }
    const chosen = typeof option === 'function' ? option({ index, appId, cause }) : option;
    return { ...defaultPhaseMs, ...chosen };
  }

  private startDeployment(
    app: AppRecord,
    spec: AppSpec,
    cause: string,
    how: {
      forceBuild?: boolean;
      clonedFrom?: string;
      reuseBuild?: boolean;
      rival?: boolean;
      seeded?: boolean;
    },
  ): DeploymentRecord {
    const now = this.now();
    const index = this.deploymentCount++;
    const instant = how.rival || how.seeded;
    const durations = instant
      ? { PENDING_BUILD: 0, BUILDING: 0, PENDING_DEPLOY: 0, DEPLOYING: 0 }
      : this.durationsFor(index, app.id, cause);
    if (how.reuseBuild) Object.assign(durations, { PENDING_BUILD: 0, BUILDING: 0 });
    const d: DeploymentRecord = {
      id: randomUUID(),
      appId: app.id,
      spec: structuredClone(spec),
      cause,
      createdAt: now,
      clonedFrom: how.clonedFrom,
      forceBuild: how.forceBuild ?? false,
      durations,
      starts: phaseStarts(now, durations),
      logLines: 8,
    };
    if (!instant) for (const fault of this.options.faults.takeDeployment()) this.applyFault(d, fault);
    app.deployments.unshift(d);
    return d;
  }

  private applyFault(d: DeploymentRecord, fault: DeploymentFault): void {
    const components = componentsOf(d.spec);
    const pick = (name?: string) => {
      const chosen = name ?? components[0]?.name;
      if (!components.some((c) => c.name === chosen)) {
        throw new Error(`fault ${fault.type}: the app has no component ${chosen ?? '(none)'}`);
      }
      return chosen!;
    };
    switch (fault.type) {
      case 'build-error':
        d.failure = failure('BUILD', pick(fault.component), 'build', fault.reason, fault.logTail);
        if (fault.logLines !== undefined) d.logLines = fault.logLines;
        break;
      case 'deploy-error':
        d.failure = failure('DEPLOY', pick(fault.component), 'wait', fault.reason, fault.logTail);
        break;
      case 'hang': {
        const phase = fault.phase ?? 'DEPLOYING';
        d.durations[phase] = Infinity;
        d.starts = phaseStarts(d.createdAt, d.durations);
        break;
      }
      case 'supersede': {
        const phase = fault.phase ?? 'BUILDING';
        const length = Number.isFinite(d.durations[phase]) ? d.durations[phase] : 1000;
        d.rivalAt = d.starts[phase] + length / 2;
        break;
      }
      case 'log-lines':
        d.logLines = fault.lines;
        break;
    }
  }

  private async applyDueEvents(): Promise<void> {
    for (;;) {
      const now = this.now();
      const event = this.nextEvent(now);
      if (!event) return;
      await event.apply();
    }
  }

  private nextEvent(now: number): { at: number; apply: () => Promise<void> | void } | undefined {
    let best: { at: number; order: number; apply: () => Promise<void> | void } | undefined;
    const offer = (at: number, order: number, apply: () => Promise<void> | void) => {
      if (at > now) return;
      if (!best || at < best.at || (at === best.at && order < best.order)) best = { at, order, apply };
    };
    for (const app of this.apps.values()) {
      for (const d of app.deployments) {
        if (d.end) continue;
        if (d.rivalAt !== undefined) offer(d.rivalAt, 0, () => this.startRival(app, d));
        if (!this.running.has(d.id) && this.options.runService && hasServices(d)) {
          offer(d.starts.DEPLOYING, 1, () => this.startServices(app, d));
        }
        const end = naturalEnd(d);
        offer(end.at, 2, () =>
          end.phase === 'ACTIVE' ? this.activate(app, d, end.at) : this.fail(d, end.at),
        );
      }
    }
    return best;
  }

  private startRival(app: AppRecord, d: DeploymentRecord): void {
    const at = d.rivalAt!;
    d.rivalAt = undefined;
    const rival = this.startDeployment(app, app.spec, 'app spec updated by another deploy', { rival: true });
    rival.createdAt = at;
    rival.starts = phaseStarts(at, rival.durations);
  }

  private async startServices(app: AppRecord, d: DeploymentRecord): Promise<void> {
    const started: RunningService[] = [];
    this.running.set(d.id, started);
    const spec = this.secrets.openSpec(d.spec);
    for (const c of componentsOf(spec).filter((x) => x.kind === 'service')) {
      const port = c.spec.http_port ?? 8080;
      const env = { ...runtimeEnv(spec, c.spec), PORT: String(port) };
      try {
        started.push(await this.options.runService!(c, { env, port, appId: app.id, deploymentId: d.id }));
      } catch (error) {
        d.failure = failure('DEPLOY', c.name, 'deploy', {
          code: 'DeployContainerExitNonZero',
          message: `Your deploy failed because the ${c.name} container could not start: ${(error as Error).message}`,
        });
        return;
      }
    }
  }

  private async activate(app: AppRecord, d: DeploymentRecord, at: number): Promise<void> {
    await this.finish(d, { phase: 'ACTIVE', at });
    const stopping: Promise<void>[] = [];
    for (const other of app.deployments) {
      if (other === d) continue;
      if (other.end?.phase === 'ACTIVE' && other.supersededAt === undefined) {
        other.supersededAt = at;
        other.supersededBy = d.id;
        stopping.push(this.stopServices(other.id));
      } else if (!other.end && other.createdAt <= d.createdAt) {
        stopping.push(this.finish(other, { phase: 'SUPERSEDED', at, by: d.id }));
      }
    }
    app.activeId = d.id;
    await Promise.all(stopping);
  }

  private fail(d: DeploymentRecord, at: number): Promise<void> {
    return this.finish(d, { phase: 'ERROR', at });
  }

  private async finish(d: DeploymentRecord, end: DeploymentRecord['end'] & object): Promise<void> {
    d.end = end;
    d.rivalAt = undefined;
    if (end.phase !== 'ACTIVE') await this.stopServices(d.id);
  }

  private async stopServices(deploymentId: string): Promise<void> {
    const services = this.running.get(deploymentId);
    if (!services) return;
    this.running.delete(deploymentId);
    await Promise.all(services.map((s) => s.stop()));
  }
}

export interface RollbackCondition {
  code: string;
  message: string;
  components: string[];
}
export interface RollbackValidation {
  valid: boolean;
  error?: RollbackCondition;
  warnings?: RollbackCondition[];
}

function failure(
  stage: 'BUILD' | 'DEPLOY',
  component: string,
  step: PlannedFailure['step'],
  reason: { code?: string; message?: string } = {},
  logTail: string[] = [],
): PlannedFailure {
  return { stage, component, step, reason: { ...DEFAULT_FAILURE_REASONS[stage], ...reason }, logTail };
}

function hasServices(d: DeploymentRecord): boolean {
  return (d.spec.services ?? []).length > 0;
}

const NAME = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;

/** The checks App Platform makes before accepting a spec, as far as the emulator needs them. */
export function validateSpec(spec: AppSpec | undefined): asserts spec is AppSpec {
  const invalid = (message: string) => new ApiError(400, 'invalid_argument', message);
  if (!spec || typeof spec !== 'object') throw invalid('an app spec is required');
  if (typeof spec.name !== 'string' || !NAME.test(spec.name)) {
    throw invalid(`error validating app spec field "name": "${String(spec.name)}" must match ${NAME.source}`);
  }
  const seen = new Set<string>();
  for (const c of componentsOf(spec)) {
    if (typeof c.name !== 'string' || !NAME.test(c.name)) {
      throw invalid(
        `error validating app spec field "${c.kind} name": "${String(c.name)}" must match ${NAME.source}`,
      );
    }
    if (seen.has(c.name))
      throw invalid(`error validating app spec: component name "${c.name}" is used twice`);
    seen.add(c.name);
    const port = c.spec.http_port;
    if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
      throw invalid(`error validating app spec field "${c.name}.http_port": must be between 1 and 65535`);
    }
    if (c.spec.image && !c.spec.image.repository) {
      throw invalid(`error validating app spec field "${c.name}.image.repository": required`);
    }
    if (c.spec.image?.digest && !/^sha256:[0-9a-f]{64}$/.test(c.spec.image.digest)) {
      throw invalid(
        `error validating app spec field "${c.name}.image.digest": must be sha256:<64 hex digits>`,
      );
    }
  }
}
