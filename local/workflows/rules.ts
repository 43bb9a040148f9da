// The rules every workflow of this repository (and every example a user copies) follows:
// least-privilege permissions, timeouts, one concurrency group per environment for deploys,
// SHA-pinned third-party actions, no expressions inside `run:`, secrets only in environment
// jobs, `environment.url` on deploy jobs, and documented reusable-workflow interfaces.
import { parse } from 'yaml';
import { shipyardRepository, verifiedPins } from './pins.js';

export interface WorkflowFile {
  /** Path from the repository root, e.g. `.github/workflows/ci.yml`. */
  path: string;
  text: string;
}

export type RuleName =
  | 'yaml'
  | 'permissions'
  | 'timeout'
  | 'deploy-environment'
  | 'deploy-concurrency'
  | 'pinned-actions'
  | 'run-expressions'
  | 'secrets'
  | 'reusable-interface';

export interface Finding {
  file: string;
  job?: string;
  line?: number;
  rule: RuleName;
  message: string;
}

type Mapping = Record<string, unknown>;
type Level = 'none' | 'read' | 'write';
type Permissions = Record<string, Level>;

interface Job extends Mapping {
  uses?: string;
  steps?: Mapping[];
  permissions?: unknown;
  environment?: unknown;
  concurrency?: unknown;
  secrets?: unknown;
  'timeout-minutes'?: unknown;
}

interface Workflow {
  file: WorkflowFile;
  on: Mapping;
  permissions?: unknown;
  concurrency?: unknown;
  jobs: Record<string, Job>;
}

const isMapping = (value: unknown): value is Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const rank: Record<Level, number> = { none: 0, read: 1, write: 2 };

function readWorkflow(file: WorkflowFile): Workflow | Finding {
  let doc: unknown;
  try {
    doc = parse(file.text);
  } catch (error) {
    return { file: file.path, rule: 'yaml', message: (error as Error).message };
  }
  if (!isMapping(doc) || !isMapping(doc.jobs))
    return { file: file.path, rule: 'yaml', message: 'not a workflow: no `jobs` mapping' };
  const on = isMapping(doc.on)
    ? doc.on
    : Object.fromEntries([doc.on].flat().map((event) => [String(event), {}]));
  return {
    file,
    on,
    permissions: doc.permissions,
    concurrency: doc.concurrency,
    jobs: doc.jobs as Record<string, Job>,
  };
}

const stepUses = (job: Job): string[] =>
  (job.steps ?? []).map((step) => step.uses).filter((uses): uses is string => typeof uses === 'string');

/** Whether a step runs one of this project's actions (`./.shipyard/actions/x` or `…/actions/x@ref`). */
const runsShipyardAction = (step: Mapping, name: string) =>
  new RegExp(`(^|/)actions/${name}(@|$)`).test(String(step.uses ?? ''));

const isDeployJob = (job: Job) => (job.steps ?? []).some((step) => runsShipyardAction(step, 'deploy-do'));

/** Secrets a job reads, except the job's own GITHUB_TOKEN. */
function secretsRead(job: Job): string[] {
  const text = JSON.stringify({ ...job, uses: undefined, secrets: undefined });
  return [...text.matchAll(/secrets\.([A-Za-z_][A-Za-z0-9_]*)/g)]
    .map((m) => m[1])
    .filter((name) => name !== 'GITHUB_TOKEN');
}

function environmentName(job: Job): string | undefined {
  if (typeof job.environment === 'string') return job.environment;
  if (isMapping(job.environment) && typeof job.environment.name === 'string') return job.environment.name;
  return undefined;
}

function permissionsOf(value: unknown): Permissions | string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (!isMapping(value)) return 'invalid';
  return Object.fromEntries(Object.entries(value).map(([scope, level]) => [scope, String(level) as Level]));
}

/** Whether something the job does needs this write scope. */
function writeJustified(job: Job, scope: string): boolean {
  const runs = (job.steps ?? []).map((step) => String(step.run ?? '')).join('\n');
  switch (scope) {
    case 'packages':
      return (job.steps ?? []).some(
        (step) =>
          runsShipyardAction(step, 'build-image') &&
          isMapping(step.with) &&
          (step.with.push === true || step.with['promote-from'] !== undefined),
      );
    case 'pull-requests':
      return (
        stepUses(job).some((uses) => uses.startsWith('actions/labeler@')) || /\bgh (pr edit|api)\b/.test(runs)
      );
    case 'security-events':
      return stepUses(job).some((uses) => uses.startsWith('github/codeql-action/'));
    default:
      return false;
  }
}

class Checker {
  readonly findings: Finding[] = [];
  private readonly byPath = new Map<string, Workflow>();

  constructor(files: WorkflowFile[]) {
    for (const file of files) {
      const read = readWorkflow(file);
      if ('rule' in read) this.findings.push(read);
      else this.byPath.set(file.path, read);
    }
  }

  run(): Finding[] {
    for (const workflow of this.byPath.values()) this.checkWorkflow(workflow);
    return this.findings;
  }

  private report(workflow: Workflow, rule: RuleName, message: string, job?: string, line?: number) {
    this.findings.push({ file: workflow.file.path, job, line, rule, message });
  }

  /** The workflow a `uses:` job calls, when it is one of the files being checked. */
  private called(workflow: Workflow, uses: string): Workflow | undefined {
    if (uses.startsWith('./')) {
      const root = workflow.file.path.slice(0, workflow.file.path.indexOf('.github/workflows/'));
      return this.byPath.get(root + uses.slice(2));
    }
    const [path] = uses.split('@');
    if (path.startsWith(`${shipyardRepository}/`))
      return this.byPath.get(path.slice(shipyardRepository.length + 1));
    return undefined;
  }

  /** What a reusable workflow's jobs need from the caller's token (the most any job asks). */
  private needs(workflow: Workflow): Permissions {
    const needed: Permissions = {};
    for (const job of Object.values(workflow.jobs)) {
      const own = permissionsOf(job.permissions ?? workflow.permissions);
      if (!isMapping(own)) continue;
      for (const [scope, level] of Object.entries(own))
        if (rank[level] > rank[needed[scope] ?? 'none']) needed[scope] = level;
    }
    return needed;
  }

  private checkWorkflow(workflow: Workflow) {
    this.checkInterface(workflow);
    this.checkPins(workflow);
    const deploys = Object.values(workflow.jobs).some(isDeployJob);
    if (deploys && isMapping(workflow.concurrency) && workflow.concurrency['cancel-in-progress'] !== false)
      this.report(
        workflow,
        'deploy-concurrency',
        'a workflow with deploy jobs must not cancel in progress runs at workflow level',
      );
    const declaresSecrets = isMapping(workflow.on.workflow_call) && workflow.on.workflow_call.secrets;
    if (declaresSecrets && !deploys)
      this.report(workflow, 'secrets', 'declares secrets but deploys nothing: it must not take any');
    for (const [name, job] of Object.entries(workflow.jobs)) {
      if (!isMapping(job)) continue;
      this.checkPermissions(workflow, name, job);
      if (typeof job.uses === 'string') this.checkCall(workflow, name, job, job.uses);
      else this.checkStepJob(workflow, name, job);
    }
  }

  private checkStepJob(workflow: Workflow, name: string, job: Job) {
    if (job['timeout-minutes'] === undefined)
      this.report(workflow, 'timeout', 'has no `timeout-minutes` (the default is 6 hours)', name);
    this.checkPinnedDownloads(workflow, name, job);
    for (const step of job.steps ?? []) {
      const expressions = String(step.run ?? '').match(/\$\{\{[\s\S]*?\}\}/g);
      if (expressions)
        this.report(
          workflow,
          'run-expressions',
          `step ${JSON.stringify(step.name ?? step.id ?? step.run)} expands ${expressions.join(', ')} inside \`run:\`; pass it through \`env:\``,
          name,
        );
    }
    const secrets = secretsRead(job);
    if (secrets.length && job.environment === undefined)
      this.report(
        workflow,
        'secrets',
        `reads ${[...new Set(secrets)].join(', ')} without an \`environment:\`; secrets belong to environment-scoped jobs`,
        name,
      );
    if (isDeployJob(job)) this.checkDeployJob(workflow, name, job);
  }

  /** A pinned action that downloads what it runs must be told the version matching its pin. */
  private checkPinnedDownloads(workflow: Workflow, name: string, job: Job) {
    for (const step of job.steps ?? []) {
      const [path, ref] = String(step.uses ?? '').split('@');
      const pin = verifiedPins.find((p) => p.repository === path && p.sha === ref);
      if (!pin?.runs) continue;
      const given = isMapping(step.with) ? step.with[pin.runs.input] : undefined;
      if (String(given ?? '') !== pin.runs.value)
        this.report(
          workflow,
          'pinned-actions',
          `${path} ${pin.version} runs whatever its \`${pin.runs.input}\` input names (default \`latest\`): set \`${pin.runs.input}: ${pin.runs.value}\``,
          name,
        );
    }
  }

  private checkDeployJob(workflow: Workflow, name: string, job: Job) {
    const environment = environmentName(job);
    if (!environment || !isMapping(job.environment) || !job.environment.url)
      this.report(
        workflow,
        'deploy-environment',
        'deploys without `environment:` with `name` and `url` (the Deployments page would not show it)',
        name,
      );
    const expected = `shipyard-deploy-\${{ github.repository }}-${environment ?? '<environment>'}`;
    const concurrency = isMapping(job.concurrency) ? job.concurrency : undefined;
    if (!concurrency || concurrency.group !== expected)
      this.report(
        workflow,
        'deploy-concurrency',
        `deploys without the environment's concurrency group \`${expected}\``,
        name,
      );
    if (concurrency && concurrency['cancel-in-progress'] !== false)
      this.report(
        workflow,
        'deploy-concurrency',
        'a deploy must never be cancelled midway: set `cancel-in-progress: false`',
        name,
      );
  }

  private checkPermissions(workflow: Workflow, name: string, job: Job) {
    const granted = permissionsOf(job.permissions ?? workflow.permissions);
    if (granted === undefined) {
      this.report(
        workflow,
        'permissions',
        'declares no `permissions` (the token would get the repository default)',
        name,
      );
      return;
    }
    if (typeof granted === 'string') {
      this.report(workflow, 'permissions', `grants \`${granted}\`: list the scopes it needs`, name);
      return;
    }
    const callee = typeof job.uses === 'string' ? this.called(workflow, job.uses) : undefined;
    if (callee) {
      const needed = this.needs(callee);
      for (const scope of new Set([...Object.keys(needed), ...Object.keys(granted)])) {
        const [give, need] = [granted[scope] ?? 'none', needed[scope] ?? 'none'];
        if (give !== need)
          this.report(
            workflow,
            'permissions',
            `grants ${scope}: ${give} to ${job.uses}, whose jobs need ${scope}: ${need}`,
            name,
          );
      }
      return;
    }
    for (const [scope, level] of Object.entries(granted))
      if (level === 'write' && (typeof job.uses === 'string' || !writeJustified(job, scope)))
        this.report(workflow, 'permissions', `grants ${scope}: write, which nothing in it needs`, name);
  }

  private checkCall(workflow: Workflow, name: string, job: Job, uses: string) {
    const callee = this.called(workflow, uses);
    if (!callee || job.secrets === undefined) return;
    const declared = isMapping(callee.on.workflow_call) && callee.on.workflow_call.secrets;
    if (!declared) this.report(workflow, 'secrets', `passes secrets to ${uses}, which takes none`, name);
  }

  private checkPins(workflow: Workflow) {
    const lines = workflow.file.text.split(/\r?\n/);
    const seen = new Set<string>();
    lines.forEach((text, index) => {
      const m = /^\s*(?:-\s+)?uses:\s*(['"]?)([^'"\s#]+)\1\s*(?:#\s*(.*))?$/.exec(text);
      if (!m) return;
      const [, , uses, comment] = m;
      seen.add(uses);
      if (uses.startsWith('./') || uses.startsWith('docker://')) return;
      const [path, ref = ''] = uses.split('@');
      const repository = path.split('/').slice(0, 2).join('/');
      const line = index + 1;
      if (repository === shipyardRepository) {
        if (!ref) this.report(workflow, 'pinned-actions', `${uses} has no ref`, undefined, line);
        return;
      }
      if (!/^[0-9a-f]{40}$/.test(ref)) {
        this.report(
          workflow,
          'pinned-actions',
          `${uses} is not pinned to a full commit SHA`,
          undefined,
          line,
        );
        return;
      }
      const version = comment?.trim().split(/\s+/)[0];
      const pin = verifiedPins.find((p) => p.repository === repository && p.sha === ref);
      if (!pin)
        this.report(
          workflow,
          'pinned-actions',
          `${uses} is not a verified pin (local/workflows/pins.ts)`,
          undefined,
          line,
        );
      else if (version !== pin.version)
        this.report(
          workflow,
          'pinned-actions',
          `${uses} must say its version in a comment: \`# ${pin.version}\``,
          undefined,
          line,
        );
    });
    this.checkPinsWereRead(workflow, seen);
  }

  /** Every `uses:` must stand on its own line, where its pin comment can be read. */
  private checkPinsWereRead(workflow: Workflow, seen: Set<string>) {
    const all = Object.values(workflow.jobs).flatMap((job) => [
      ...(typeof job.uses === 'string' ? [job.uses] : []),
      ...stepUses(job),
    ]);
    for (const uses of all)
      if (!seen.has(uses))
        this.report(
          workflow,
          'pinned-actions',
          `write \`uses: ${uses}\` on a line of its own, with its pin comment`,
        );
  }

  private checkInterface(workflow: Workflow) {
    const call = workflow.on.workflow_call;
    if (!isMapping(call)) return;
    const entries = (key: string) => Object.entries(isMapping(call[key]) ? (call[key] as Mapping) : {});
    for (const [name, input] of entries('inputs')) {
      const spec = isMapping(input) ? input : {};
      if (!['boolean', 'number', 'string'].includes(String(spec.type)))
        this.report(workflow, 'reusable-interface', `input ${name} has no type`);
      if (!spec.description) this.report(workflow, 'reusable-interface', `input ${name} has no description`);
      if (spec.required !== true && spec.default === undefined)
        this.report(workflow, 'reusable-interface', `optional input ${name} has no default`);
    }
    for (const [name, secret] of entries('secrets'))
      if (!isMapping(secret) || !secret.description)
        this.report(workflow, 'reusable-interface', `secret ${name} has no description`);
    for (const [name, output] of entries('outputs'))
      if (!isMapping(output) || !output.description || !output.value)
        this.report(workflow, 'reusable-interface', `output ${name} needs a description and a value`);
  }
}

export function checkRules(files: WorkflowFile[]): Finding[] {
  return new Checker(files).run();
}

export function formatFinding(f: Finding): string {
  const where = [f.file + (f.line ? `:${f.line}` : ''), f.job && `job ${f.job}`].filter(Boolean).join(' ');
  return `${where}: [${f.rule}] ${f.message}`;
}
