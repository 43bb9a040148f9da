// The emulator's model of App Platform deployments: when each phase starts, which progress
// steps exist and what state they are in at a given moment, and the build/deploy logs.
// Everything here is a pure function of a deployment record and a time.

export const PROGRESS_PHASES = ['PENDING_BUILD', 'BUILDING', 'PENDING_DEPLOY', 'DEPLOYING'] as const;
export type ProgressPhase = (typeof PROGRESS_PHASES)[number];
export type EndPhase = 'ACTIVE' | 'ERROR' | 'CANCELED' | 'SUPERSEDED';
export type Phase = ProgressPhase | EndPhase;
export type PhaseDurations = Record<ProgressPhase, number>;
export type StepStatus = 'PENDING' | 'RUNNING' | 'ERROR' | 'SUCCESS';
export type LogType = 'BUILD' | 'DEPLOY';

export const defaultPhaseMs: PhaseDurations = {
  PENDING_BUILD: 100,
  BUILDING: 600,
  PENDING_DEPLOY: 100,
  DEPLOYING: 400,
};

// Spec shapes, only as far as the emulator reads them.
export interface EnvVar {
  key: string;
  value?: string;
  scope?: string;
  type?: string;
}
export interface ComponentSpec {
  name: string;
  http_port?: number;
  envs?: EnvVar[];
  image?: { registry?: string; registry_type?: string; repository?: string; tag?: string; digest?: string };
  routes?: { path?: string }[];
  [key: string]: unknown;
}
export interface AppSpec {
  name: string;
  region?: string;
  services?: ComponentSpec[];
  workers?: ComponentSpec[];
  jobs?: ComponentSpec[];
  static_sites?: ComponentSpec[];
  envs?: EnvVar[];
  [key: string]: unknown;
}

export type ComponentKind = 'service' | 'worker' | 'job' | 'static site';
export interface Component {
  name: string;
  kind: ComponentKind;
  spec: ComponentSpec;
}

export function componentsOf(spec: AppSpec): Component[] {
  const of = (list: ComponentSpec[] | undefined, kind: ComponentKind) =>
    (list ?? []).map((c) => ({ name: c.name, kind, spec: c }));
  return [
    ...of(spec.services, 'service'),
    ...of(spec.static_sites, 'static site'),
    ...of(spec.workers, 'worker'),
    ...of(spec.jobs, 'job'),
  ];
}

export interface StepReason {
  code: string;
  message: string;
}

export interface PlannedFailure {
  stage: LogType;
  component: string;
  /** The leaf step that fails: the component's build, or its `deploy`/`wait` step. */
  step: 'build' | 'deploy' | 'wait';
  reason: StepReason;
  logTail: string[];
}

export interface DeploymentEnd {
  phase: EndPhase;
  at: number;
  /** The deployment that superseded this one. */
  by?: string;
}

export interface DeploymentRecord {
  id: string;
  appId: string;
  spec: AppSpec;
  cause: string;
  createdAt: number;
  clonedFrom?: string;
  forceBuild: boolean;
  durations: PhaseDurations;
  starts: Record<ProgressPhase, number>;
  failure?: PlannedFailure;
  /** When a rival deployment is to appear and supersede this one (scripted fault). */
  rivalAt?: number;
  end?: DeploymentEnd;
  /** Set when this deployment, once ACTIVE, was replaced by a newer ACTIVE one. */
  supersededAt?: number;
  supersededBy?: string;
  logLines: number;
}

export function phaseStarts(createdAt: number, durations: PhaseDurations): Record<ProgressPhase, number> {
  const starts = {} as Record<ProgressPhase, number>;
  let at = createdAt;
  for (const phase of PROGRESS_PHASES) {
    starts[phase] = at;
    at += durations[phase];
  }
  return starts;
}

/** When the deployment would end by itself: ACTIVE, or ERROR at the failing step's end. */
export function naturalEnd(d: DeploymentRecord): { phase: 'ACTIVE' | 'ERROR'; at: number } {
  if (d.failure) return { phase: 'ERROR', at: failingLeaf(d)!.end };
  return { phase: 'ACTIVE', at: d.starts.DEPLOYING + d.durations.DEPLOYING };
}

export function phaseAt(d: DeploymentRecord, now: number): Phase {
  if (d.end && now >= d.end.at) {
    if (d.end.phase === 'ACTIVE' && d.supersededAt !== undefined && now >= d.supersededAt)
      return 'SUPERSEDED';
    return d.end.phase;
  }
  let phase: ProgressPhase = 'PENDING_BUILD';
  for (const p of PROGRESS_PHASES) if (now >= d.starts[p]) phase = p;
  return phase;
}

export function phaseChangedAt(d: DeploymentRecord, now: number): number {
  const phase = phaseAt(d, now);
  if (phase === 'SUPERSEDED' && d.supersededAt !== undefined) return d.supersededAt;
  if (d.end && now >= d.end.at) return d.end.at;
  return d.starts[phase as ProgressPhase];
}

// ---- progress steps ----

interface Leaf {
  kind: 'leaf';
  name: string;
  start: number;
  end: number;
  component?: string;
  messageBase?: string;
  failing?: boolean;
  /** A successful step's note, e.g. the build skipped for a pre-built image. */
  note?: StepReason;
  /** Never runs (jobs of kind FAILED_DEPLOY): stays PENDING even in an ACTIVE deployment. */
  never?: boolean;
}
interface Group {
  kind: 'group';
  name: string;
  component?: string;
  children: StepNode[];
}
type StepNode = Leaf | Group;

export interface ProgressStep {
  name: string;
  status: StepStatus;
  component_name?: string;
  message_base?: string;
  started_at?: string;
  ended_at?: string;
  reason?: StepReason;
  steps?: ProgressStep[];
}

/**
 * Splits a phase window at fractions. A phase that never ends (a scripted hang) keeps finite
 * times for its first steps; from point `openFrom` on, steps never end.
 */
function windows(start: number, duration: number, cuts: number[], openFrom: number): [number, number][] {
  const span = Number.isFinite(duration) ? duration : 1000;
  const points = [0, ...cuts, 1].map((f, i) =>
    Number.isFinite(duration) || i < openFrom ? start + f * span : Infinity,
  );
  return points.slice(1).map((end, i) => [points[i], end]);
}

function stepTree(d: DeploymentRecord): StepNode[] {
  const components = componentsOf(d.spec);
  const [buildInit, buildComponents] = windows(d.starts.BUILDING, d.durations.BUILDING, [0.15], 2);
  const [deployInit, deployStart, deployWait, finalize] = windows(
    d.starts.DEPLOYING,
    d.durations.DEPLOYING,
    [0.15, 0.55, 0.9],
    3,
  );
  const leaf = (name: string, [start, end]: [number, number], c?: Component, verb?: string): Leaf => ({
    kind: 'leaf',
    name,
    start,
    end,
    component: c?.name,
    messageBase: c && verb ? `${verb} ${c.kind}` : undefined,
  });
  const buildLeaf = (c: Component): Leaf => ({
    ...leaf(c.name, buildComponents, c, 'Building'),
    note: c.spec.image ? PREBUILT : undefined,
  });
  const deployLeaf = (name: string, window: [number, number], c: Component, verb: string): Leaf => ({
    ...leaf(name, window, c, verb),
    never: c.kind === 'job' && c.spec.kind === 'FAILED_DEPLOY',
  });
  const build: Group = {
    kind: 'group',
    name: 'build',
    children: [
      leaf('initialize', buildInit),
      {
        kind: 'group',
        name: 'components',
        children: components.map(buildLeaf),
      },
    ],
  };
  const deploy: Group = {
    kind: 'group',
    name: 'deploy',
    children: [
      leaf('initialize', deployInit),
      {
        kind: 'group',
        name: 'components',
        children: components.map((c) => ({
          kind: 'group' as const,
          name: c.name,
          component: c.name,
          children: [
            deployLeaf('deploy', deployStart, c, 'Deploying'),
            deployLeaf('wait', deployWait, c, 'Waiting for'),
          ],
        })),
      },
      leaf('finalize', finalize),
    ],
  };
  markFailing([build, deploy], d.failure);
  return [build, deploy];
}

function markFailing(tree: StepNode[], failure: PlannedFailure | undefined): void {
  if (!failure) return;
  const [stageName, path] =
    failure.stage === 'BUILD'
      ? ['build', ['components', failure.component]]
      : ['deploy', ['components', failure.component, failure.step]];
  let node: StepNode | undefined = tree.find((n) => n.name === stageName);
  for (const name of path)
    node = node?.kind === 'group' ? node.children.find((c) => c.name === name) : undefined;
  if (node?.kind === 'leaf') node.failing = true;
}

function failingLeaf(d: DeploymentRecord): Leaf | undefined {
  const find = (nodes: StepNode[]): Leaf | undefined => {
    for (const n of nodes) {
      if (n.kind === 'leaf' && n.failing) return n;
      if (n.kind === 'group') {
        const hit = find(n.children);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  return find(stepTree(d));
}

const PREBUILT: StepReason = {
  code: 'PreBuiltImage',
  message: 'Your build job was skipped because you specified a pre-built image.',
};

const iso = (ms: number) => new Date(ms).toISOString();

function renderLeaf(leaf: Leaf, d: DeploymentRecord, now: number): ProgressStep {
  const ended = d.end && now >= d.end.at ? d.end : undefined;
  const base: ProgressStep = { name: leaf.name, status: 'PENDING' };
  if (leaf.component) base.component_name = leaf.component;
  if (leaf.messageBase) base.message_base = leaf.messageBase;
  if (leaf.never || (!ended && leaf.start > now)) return base;
  const success = (): ProgressStep => ({
    ...base,
    status: 'SUCCESS',
    started_at: iso(leaf.start),
    ended_at: iso(leaf.end),
    ...(leaf.note ? { reason: leaf.note } : {}),
  });
  if (ended && leaf.start >= ended.at && !(leaf.failing && ended.phase === 'ERROR')) return base;
  const started = { started_at: iso(leaf.start) };
  if (!ended) {
    return leaf.end > now ? { ...base, status: 'RUNNING', ...started } : success();
  }
  if (leaf.failing && ended.phase === 'ERROR') {
    return { ...base, status: 'ERROR', ...started, ended_at: iso(ended.at), reason: d.failure!.reason };
  }
  if (leaf.end <= ended.at) return success();
  if (leaf.start >= ended.at) return base;
  const interrupted: ProgressStep = { ...base, status: 'ERROR', ...started, ended_at: iso(ended.at) };
  if (ended.phase === 'CANCELED')
    interrupted.reason = { code: 'DeploymentCanceled', message: 'the deployment was canceled' };
  if (ended.phase === 'SUPERSEDED') {
    interrupted.reason = { code: 'DeploymentSuperseded', message: `superseded by deployment ${ended.by}` };
  }
  return interrupted;
}

function neverRuns(node: StepNode): boolean {
  return node.kind === 'leaf' ? !!node.never : node.children.length > 0 && node.children.every(neverRuns);
}

function renderNode(node: StepNode, d: DeploymentRecord, now: number): ProgressStep {
  if (node.kind === 'leaf') return renderLeaf(node, d, now);
  const steps = node.children.map((c) => renderNode(c, d, now));
  const statuses = steps.filter((_, i) => !neverRuns(node.children[i])).map((s) => s.status);
  let status: StepStatus = 'RUNNING';
  if (statuses.length === 0) status = 'PENDING';
  else if (statuses.includes('ERROR')) status = 'ERROR';
  else if (statuses.every((s) => s === 'SUCCESS')) status = 'SUCCESS';
  else if (statuses.every((s) => s === 'PENDING')) status = 'PENDING';
  const out: ProgressStep = { name: node.name, status, steps };
  if (node.component) out.component_name = node.component;
  const starts = steps.map((s) => s.started_at).filter((s): s is string => !!s);
  if (starts.length) out.started_at = starts.sort()[0];
  if (status === 'SUCCESS' || status === 'ERROR') {
    const ends = steps.map((s) => s.ended_at).filter((s): s is string => !!s);
    if (ends.length) out.ended_at = ends.sort()[ends.length - 1];
  }
  return out;
}

export interface Progress {
  pending_steps: number;
  running_steps: number;
  success_steps: number;
  error_steps: number;
  total_steps: number;
  steps: ProgressStep[];
}

export function progressAt(d: DeploymentRecord, now: number): Progress {
  const steps = stepTree(d).map((n) => renderNode(n, d, now));
  const counts = { PENDING: 0, RUNNING: 0, SUCCESS: 0, ERROR: 0 };
  const count = (s: ProgressStep) => (s.steps ? s.steps.forEach(count) : counts[s.status]++);
  steps.forEach(count);
  return {
    pending_steps: counts.PENDING,
    running_steps: counts.RUNNING,
    success_steps: counts.SUCCESS,
    error_steps: counts.ERROR,
    total_steps: counts.PENDING + counts.RUNNING + counts.SUCCESS + counts.ERROR,
    steps,
  };
}

// ---- logs ----

export interface LogLine {
  at: number;
  text: string;
}

/** The window a component's BUILD or DEPLOY log covers, from the step tree. */
function logWindow(d: DeploymentRecord, component: string, type: LogType): [number, number] | undefined {
  const tree = stepTree(d);
  const stage = tree.find((n) => n.name === (type === 'BUILD' ? 'build' : 'deploy')) as Group;
  const components = stage.children.find((c) => c.name === 'components') as Group;
  const node = components.children.find((c) => c.name === component);
  if (!node) return undefined;
  const leaves = node.kind === 'leaf' ? [node] : (node.children as Leaf[]);
  return [leaves[0].start, leaves[leaves.length - 1].end];
}

function stamp(ms: number): string {
  return new Date(ms).toISOString();
}

/** The component's log lines for a deployment: what has been written by `now`. */
export function logLines(d: DeploymentRecord, component: string, type: LogType, now: number): LogLine[] {
  const window = logWindow(d, component, type);
  if (!window) return [];
  const c = componentsOf(d.spec).find((x) => x.name === component)!;
  const failing =
    d.failure && d.failure.stage === type && d.failure.component === component ? d.failure : undefined;
  const stopAt = d.end ? Math.min(d.end.at, window[1]) : window[1];
  const body = type === 'BUILD' ? buildLines(d, c) : deployLines(d, c);
  const closing = failing
    ? [...failing.logTail, `${type === 'BUILD' ? 'build' : 'deploy'} failed: ${failing.reason.message}`]
    : [type === 'BUILD' ? `build complete for ${c.name}` : `${c.name} is ready`];
  const [start, end] = window;
  const span = (Number.isFinite(end) ? end - start : 1000) * 0.95;
  const lines = [
    ...body.map((text, i) => ({ at: start + (span * i) / Math.max(1, body.length), text })),
    ...closing.map((text) => ({ at: end, text })),
  ];
  return lines
    .filter((l) => l.at <= Math.min(now, stopAt))
    .map((l) => ({ at: l.at, text: `${stamp(l.at)} ${component} ${l.text}` }));
}

function buildLines(d: DeploymentRecord, c: Component): string[] {
  const source = c.spec.image
    ? `using image ${c.spec.image.repository ?? ''}${c.spec.image.digest ? `@${c.spec.image.digest}` : `:${c.spec.image.tag ?? 'latest'}`}`
    : 'fetching app source code';
  const lines = [
    `starting build of ${c.kind} ${c.name} for deployment ${d.id}`,
    d.forceBuild ? 'force build requested: not reusing the build cache' : 'build cache found',
    source,
  ];
  for (let i = 1; i <= d.logLines; i++) lines.push(`step ${i}/${d.logLines}: building layer ${i}`);
  return lines;
}

function deployLines(d: DeploymentRecord, c: Component): string[] {
  const lines = [
    `deploying ${c.kind} ${c.name} (deployment ${d.id})`,
    'pulling the built image',
    'starting container',
  ];
  if (c.kind === 'service')
    lines.push(`waiting for ${c.name} to accept connections on port ${c.spec.http_port ?? 8080}`);
  return lines;
}

/** Environment a component's process sees: app-level then component-level, run-time scope only. */
export function runtimeEnv(spec: AppSpec, component: ComponentSpec): Record<string, string> {
  const env: Record<string, string> = {};
  for (const v of [...(spec.envs ?? []), ...(component.envs ?? [])]) {
    if (v.scope === 'BUILD_TIME') continue;
    env[v.key] = v.value ?? '';
  }
  return env;
}
