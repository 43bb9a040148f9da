// What the pipeline's steps share: the services it started, what each step produced, and the
// record of every action run, plus the things to stop when it ends.
import type { Emulator, PhaseMsOption } from '../do-emulator/index.js';
import type { LocalRegistry } from '../registry.js';
import type { ServiceStart } from './app-runtime.js';
import type { Push } from './github.js';
import type { ImageRuntime } from './image.js';

export interface Commit {
  sha: string;
  /** The version the app reports (`APP_VERSION`). */
  version: string;
  message: string;
  /** Commit time, ISO 8601. */
  timestamp?: string;
}

export interface PipelineOptions {
  log?: (text: string) => void;
  /** Print every action's full log, not only its annotations and summary. */
  verbose?: boolean;
  /** The health-check `timeout` of each verification. */
  healthTimeout?: string;
  /** The deploy-do `timeout`. */
  deployTimeout?: string;
  /** The emulator's phase durations. */
  phaseMs?: PhaseMsOption;
  /** Extra run-time env for the staging app's spec, e.g. `{ DATABASE_DOWN: '1' }`. */
  stagingEnv?: Record<string, string>;
  /** Called after each step that passed, while everything still runs (tests look at the live apps). */
  afterStep?: (step: PipelineStep, context: PipelineContext) => Promise<void> | void;
  /** When every step passed: runs before anything is stopped (e.g. waits for Ctrl-C); not timed. */
  beforeStop?: (context: PipelineContext) => Promise<void>;
  /** Tools the pipeline needs on this machine (overridable to test the missing-tool message). */
  tools?: { buildah: string; registry: string };
  /** What the image carries besides the app: busybox (default, small) or the Node runtime (45 MB). */
  imageRuntime?: ImageRuntime;
  /** The commits to release: the previous release and the one pushed now (default: git HEAD~1, HEAD). */
  commits?: { previous: Commit; current: Commit };
}

export type ResolvedOptions = Required<
  Pick<
    PipelineOptions,
    'log' | 'verbose' | 'healthTimeout' | 'deployTimeout' | 'phaseMs' | 'tools' | 'commits' | 'imageRuntime'
  >
> &
  Pick<PipelineOptions, 'stagingEnv' | 'afterStep' | 'beforeStop'>;

export interface BuiltImage {
  digest: string;
  /** `host/repo@sha256:...` in the local registry. */
  imageRef: string;
  tags: string[];
  version: string;
  metadata: Record<string, unknown>;
}

export interface DeployedApp {
  name: string;
  appId: string;
  deploymentId: string;
  previousDeploymentId: string;
  liveUrl: string;
}

export interface SbomResult {
  file: string;
  componentCount: number;
  /** `name@version` of each component. */
  components: string[];
  /** The CycloneDX document itself. */
  document: Record<string, unknown>;
}

export interface ActionRecord {
  step: string;
  action: string;
  inputs: Record<string, string>;
  push: Push;
  code: number;
  durationMs: number;
  outputs: Record<string, string>;
  summary: string;
  stdout: string;
  stderr: string;
}

export interface PipelineContext {
  options: ResolvedOptions;
  log: (text: string) => void;
  /** Temporary folder for specs, the build context and the SBOM; removed at the end. */
  workDir: string;
  /** owner/name of the repository the pushes come from (and the image's path on ghcr.io). */
  repository: string;
  /** The step running now (for the action records). */
  step: string;
  registry?: LocalRegistry & { credentials: { username: string; password: string } };
  emulator?: Emulator;
  /** Every service process the emulator started, in order. */
  serviceStarts: ServiceStart[];
  images: { previous?: BuiltImage; staging?: BuiltImage; production?: BuiltImage };
  apps: { staging?: DeployedApp; production?: DeployedApp };
  /** The production deployment the rollback replaced, and the rollback deployment. */
  rollback?: { from: DeployedApp; to: DeployedApp };
  sbom?: SbomResult;
  /** A release tag the rollback workflow's script resolved to a digest. */
  resolvedVersion?: { tag: string; digest: string };
  runs: ActionRecord[];
  /** Time spent building images (buildah bud and writing the layout), summed over builds. */
  imageBuildMs: number;
  /** Values that must never appear in any action's output. */
  secrets: string[];
  /** Registers a clean-up; they run in reverse order when the pipeline ends. */
  defer(cleanup: () => Promise<void> | void): void;
}

export interface PipelineStep {
  /** Which part of the story: setup, previous release, staging, production, rollback. */
  stage: string;
  name: string;
  /** Does the step; returns a one-line result. Throws StepFailed with the reason. */
  run(context: PipelineContext): Promise<string>;
}

/** A step's expected failure: its message is the whole explanation (no stack trace). */
export class StepFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StepFailed';
  }
}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new StepFailed(message);
}

export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new StepFailed(`${what} is missing: an earlier step did not run or failed`);
  return value;
}
