// The pipeline as named steps: a previous release (so a rollback has somewhere to go), the staging
// story (build once, SBOM, deploy that digest, verify), promotion of the verified digest to
// production without a build, and a rollback of production. Each step reads what earlier steps
// left in the context and fails with a plain reason; later sessions can add steps to the list.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startEmulator } from '../do-emulator/index.js';
import { startRegistry } from '../registry.js';
import { repoRoot } from '../run-action.js';
import { callAction, callScript } from './actions.js';
import { sampleAppRuntime } from './app-runtime.js';
import {
  check,
  required,
  StepFailed,
  type BuiltImage,
  type Commit,
  type DeployedApp,
  type PipelineContext,
  type PipelineStep,
} from './context.js';
import { NO_COMMIT, type Push } from './github.js';
import { writeSampleAppContext } from './image.js';
import { missingTools } from './tools.js';

export const exampleSpecFile = join(repoRoot, 'examples', 'app-spec.yaml');
export const APP_NAMES = { staging: 'sample-app-staging', production: 'sample-app' } as const;
type Environment = keyof typeof APP_NAMES;

// ---- the pushes ----------------------------------------------------------------------------------

export function releaseTag(commit: Commit): string {
  return `v${commit.version}`;
}

function previousReleasePush(context: PipelineContext): Push {
  const commit = context.options.commits.previous;
  const ref = `refs/tags/${releaseTag(commit)}`;
  return {
    repository: context.repository,
    ref,
    sha: commit.sha,
    before: NO_COMMIT,
    message: commit.message,
    timestamp: commit.timestamp,
  };
}

function branchPush(context: PipelineContext, branch: 'staging' | 'main'): Push {
  const { previous, current } = context.options.commits;
  return {
    repository: context.repository,
    ref: `refs/heads/${branch}`,
    sha: current.sha,
    before: previous.sha,
    message: current.message,
    timestamp: current.timestamp,
  };
}

// ---- helpers -----------------------------------------------------------------------------------

function imageName(context: PipelineContext): string {
  return `${required(context.registry, 'the local registry').host}/${context.repository}`;
}

/** deploy-do deploys from ghcr.io; the local registry serves the same repository and digests. */
function ghcrReference(context: PipelineContext, digest: string): string {
  return `ghcr.io/${context.repository}@${digest}`;
}

function registryInputs(context: PipelineContext) {
  const { username, password } = required(context.registry, 'the local registry').credentials;
  return { username, password };
}

function builtImage(outputs: Record<string, string>): BuiltImage {
  const metadata = JSON.parse(outputs.metadata || '{}') as Record<string, unknown>;
  return {
    digest: outputs.digest,
    imageRef: outputs['image-ref'],
    tags: (outputs.tags ?? '').split('\n').filter(Boolean),
    version: outputs.version,
    metadata,
  };
}

/** The example app spec, named for the environment and pointing at this repository's image. */
export function writeAppSpec(context: PipelineContext, environment: Environment): string {
  const spec = parse(readFileSync(exampleSpecFile, 'utf8')) as {
    name: string;
    services: { name: string; image: { registry: string; repository: string }; envs?: object[] }[];
  };
  const [owner, name] = context.repository.split('/');
  spec.name = APP_NAMES[environment];
  const web = spec.services[0];
  web.image.registry = owner;
  web.image.repository = name;
  if (environment === 'staging')
    for (const [key, value] of Object.entries(context.options.stagingEnv ?? {}))
      (web.envs ??= []).push({ key, value, scope: 'RUN_TIME' });
  const file = join(context.workDir, `app-spec.${environment}.yaml`);
  writeFileSync(file, stringify(spec));
  return file;
}

function componentName(): string {
  const spec = parse(readFileSync(exampleSpecFile, 'utf8')) as { services: { name: string }[] };
  return spec.services[0].name;
}

async function build(context: PipelineContext, commit: Commit, push: Push, environment: string) {
  const { context: buildContext, file } = writeSampleAppContext(
    mkdtempSync(join(context.workDir, 'build-')),
    context.options.imageRuntime,
  );
  const run = await callAction(context, 'build-image', {
    push,
    inputs: {
      image: imageName(context),
      context: buildContext,
      file,
      environment,
      push: 'true',
      builder: 'buildah',
      'build-args': `APP_VERSION=${commit.version}\nGIT_SHA=${commit.sha}`,
      ...registryInputs(context),
    },
    timeoutMs: 10 * 60_000,
  });
  rmSync(buildContext, { recursive: true, force: true });
  const image = builtImage(run.outputs);
  check(/^sha256:[a-f0-9]{64}$/.test(image.digest), `build-image gave no digest (got '${image.digest}')`);
  check(image.metadata.pushed === true, 'build-image did not push the image');
  context.imageBuildMs += Number(image.metadata.buildMs ?? 0);
  return image;
}

async function deploy(
  context: PipelineContext,
  environment: Environment,
  push: Push,
  inputs: Record<string, string>,
): Promise<DeployedApp> {
  const emulator = required(context.emulator, 'the App Platform emulator');
  const run = await callAction(context, 'deploy-do', {
    push,
    inputs: {
      token: emulator.token,
      'app-name': APP_NAMES[environment],
      'api-url': emulator.url,
      timeout: context.options.deployTimeout,
      ...inputs,
    },
  });
  const out = run.outputs;
  check(out.phase === 'ACTIVE', `deploy-do ended in phase ${out.phase || '(none)'}, not ACTIVE`);
  check(/^https?:\/\//.test(out['live-url'] ?? ''), `deploy-do gave no live URL (got '${out['live-url']}')`);
  return {
    name: APP_NAMES[environment],
    appId: out['app-id'],
    deploymentId: out['deployment-id'],
    previousDeploymentId: out['previous-deployment-id'],
    liveUrl: out['live-url'],
  };
}

/** Which image the emulator started for a deployment (what the live URL really runs). */
function imageRunBy(context: PipelineContext, deploymentId: string): string {
  const start = context.serviceStarts.find((s) => s.deploymentId === deploymentId);
  if (!start) throw new StepFailed(`the emulator started no service for deployment ${deploymentId}`);
  return start.image;
}

function deployImage(context: PipelineContext, environment: Environment, push: Push, image: BuiltImage) {
  return async () => {
    const reference = ghcrReference(context, image.digest);
    const app = await deploy(context, environment, push, {
      spec: writeAppSpec(context, environment),
      images: `${componentName()}=${reference}`,
      create: 'true',
    });
    const running = imageRunBy(context, app.deploymentId);
    check(running === reference, `deployment ${app.deploymentId} runs ${running}, not ${reference}`);
    context.apps[environment] = app;
    return `${app.name} deployment ${app.deploymentId} ACTIVE at ${app.liveUrl}, running ${reference}`;
  };
}

async function healthCheck(context: PipelineContext, push: Push, inputs: Record<string, string>) {
  const run = await callAction(context, 'health-check', {
    push,
    inputs: { timeout: context.options.healthTimeout, ...inputs },
  });
  check(run.outputs.healthy === 'true', `health-check did not report healthy (got '${run.outputs.healthy}')`);
  return `${run.outputs.attempts} requests, ${run.outputs['duration-ms']} ms`;
}

async function liveAndReady(context: PipelineContext, app: DeployedApp, push: Push): Promise<string> {
  const urls = [`${app.liveUrl}/health/live`, `${app.liveUrl}/health/ready`];
  return `live and ready (${await healthCheck(context, push, { url: urls.join('\n'), json: 'status=UP' })})`;
}

/** The smoke paths answer 200 and serve this commit's SHA and version. */
async function servesCommit(context: PipelineContext, app: DeployedApp, push: Push, commit: Commit) {
  const result = await healthCheck(context, push, {
    url: SMOKE_PATHS.map((p) => `${app.liveUrl}${p}`).join('\n'),
    'expected-status': '200',
    json: `sha=${commit.sha}\nversion=${commit.version}`,
  });
  return `${SMOKE_PATHS.join(' and ')} serve ${commit.version} (${commit.sha.slice(0, 7)}) (${result})`;
}

/**
 * Liveness and readiness, and the smoke paths serving the expected commit: two health-check
 * runs, started together since each waits on its own until its URLs pass.
 */
function verify(
  environment: Environment,
  pushOf: (c: PipelineContext) => Push,
  commitOf: (c: PipelineContext) => Commit,
): PipelineStep['run'] {
  return async (context) => {
    const app = required(context.apps[environment], `the ${environment} app`);
    const push = pushOf(context);
    const results = await Promise.allSettled([
      liveAndReady(context, app, push),
      servesCommit(context, app, push, commitOf(context)),
    ]);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length) throw failed[0].reason;
    return `${app.liveUrl}: ${results.map((r) => (r as PromiseFulfilledResult<string>).value).join('; ')}`;
  };
}

export const SMOKE_PATHS = ['/', '/version'];

// ---- the steps -----------------------------------------------------------------------------------

const previous = (c: PipelineContext) => c.options.commits.previous;
const current = (c: PipelineContext) => c.options.commits.current;

export const setupSteps: PipelineStep[] = [
  {
    stage: 'setup',
    name: 'tools',
    async run(context) {
      const missing = missingTools(context.options.tools);
      check(missing.length === 0, missing.join('\n'));
      return `buildah at ${context.options.tools.buildah}, docker-registry at ${context.options.tools.registry}`;
    },
  },
  {
    stage: 'setup',
    name: 'start a local registry (ghcr.io stand-in, bearer tokens)',
    async run(context) {
      const [owner] = context.repository.split('/');
      const credentials = { username: owner, password: `ghp_${randomBytes(18).toString('hex')}` };
      const registry = await startRegistry({ auth: { kind: 'bearer', ...credentials } });
      context.registry = { ...registry, credentials };
      context.secrets.push(credentials.password);
      context.defer(() => registry.stop());
      return `${registry.url}, pushes and pulls need ${owner}'s token`;
    },
  },
  {
    stage: 'setup',
    name: 'start the App Platform emulator',
    async run(context) {
      const registry = required(context.registry, 'the local registry');
      const emulator = await startEmulator({
        phaseMs: context.options.phaseMs,
        runService: sampleAppRuntime(
          { host: registry.host, credentials: registry.credentials },
          context.serviceStarts,
        ),
      });
      context.emulator = emulator;
      context.secrets.push(emulator.token);
      context.defer(() => emulator.close());
      return `${emulator.url} (services run the image's sample app as a local process)`;
    },
  },
];

export const previousReleaseSteps: PipelineStep[] = [
  {
    stage: 'previous release',
    name: 'build and push the previous release',
    async run(context) {
      const image = await build(context, previous(context), previousReleasePush(context), 'production');
      context.images.previous = image;
      return `${image.imageRef} tagged ${image.tags.map((t) => t.split(':').pop()).join(', ')}`;
    },
  },
  {
    stage: 'previous release',
    name: 'deploy the previous release to production',
    run: (context) =>
      deployImage(
        context,
        'production',
        previousReleasePush(context),
        required(context.images.previous, 'the previous release image'),
      )(),
  },
  {
    stage: 'previous release',
    name: 'verify: live, ready, the smoke paths serve the previous release',
    run: verify('production', previousReleasePush, previous),
  },
];

const stagingPush = (c: PipelineContext) => branchPush(c, 'staging');
const mainPush = (c: PipelineContext) => branchPush(c, 'main');
/** The rollback workflow, started by hand on main for production with a `version`. */
const dispatchRollback = (c: PipelineContext, version: string): Push => ({
  ...branchPush(c, 'main'),
  event: 'workflow_dispatch',
  inputs: { version, environment: 'production' },
});
const rollbackDispatch = (c: PipelineContext) => dispatchRollback(c, 'previous');
const promotedTag = (c: PipelineContext) => `prod-${current(c).sha.slice(0, 7)}`;
const versionDispatch = (c: PipelineContext) => dispatchRollback(c, promotedTag(c));

export const stagingSteps: PipelineStep[] = [
  {
    stage: 'staging',
    name: 'build and push the image',
    async run(context) {
      const image = await build(context, current(context), stagingPush(context), 'staging');
      const sha7 = current(context).sha.slice(0, 7);
      const name = imageName(context);
      for (const tag of ['staging-latest', `staging-${sha7}`])
        check(
          image.tags.includes(`${name}:${tag}`),
          `build-image did not tag ${tag} (tags: ${image.tags.join(', ')})`,
        );
      context.images.staging = image;
      return `${image.imageRef} (built in ${image.metadata.buildMs} ms) tagged staging-latest, staging-${sha7}`;
    },
  },
  {
    stage: 'staging',
    name: 'SBOM of the pushed image',
    async run(context) {
      const image = required(context.images.staging, 'the staging image');
      const { username, password } = registryInputs(context);
      const file = join(context.workDir, 'sbom.cdx.json');
      const run = await callAction(context, 'sbom', {
        push: stagingPush(context),
        inputs: {
          image: image.imageRef,
          format: 'cyclonedx-json',
          'output-file': file,
          'registry-username': username,
          'registry-password': password,
          'upload-artifact': 'false',
          'dependency-snapshot': 'false',
        },
      });
      const bom = JSON.parse(readFileSync(run.outputs['sbom-file'] || file, 'utf8')) as {
        components?: { name: string; version?: string; group?: string }[];
        [key: string]: unknown;
      };
      const components = (bom.components ?? []).map(
        (c) => `${c.group ? `${c.group}/` : ''}${c.name}@${c.version ?? ''}`,
      );
      const count = Number(run.outputs['component-count']);
      check(count > 0 && components.length > 0, `the SBOM lists no components (component-count ${count})`);
      if (run.outputs['image-digest'])
        check(
          run.outputs['image-digest'] === image.digest,
          `the SBOM describes ${run.outputs['image-digest']}, not the pushed ${image.digest}`,
        );
      context.sbom = { file, componentCount: count, components, document: bom };
      return `${count} component(s): ${components.slice(0, 5).join(', ')}`;
    },
  },
  {
    stage: 'staging',
    name: 'deploy the digest to staging',
    run: (context) =>
      deployImage(
        context,
        'staging',
        stagingPush(context),
        required(context.images.staging, 'the staging image'),
      )(),
  },
  {
    stage: 'staging',
    name: 'verify: live, ready, the smoke paths serve the pushed SHA',
    run: verify('staging', stagingPush, current),
  },
];

export const productionSteps: PipelineStep[] = [
  {
    stage: 'production',
    name: 'promote the verified digest (no build)',
    async run(context) {
      const staging = required(context.images.staging, 'the staging image');
      check(context.apps.staging, 'staging was not deployed and verified: nothing to promote');
      // No builder on PATH: a promotion that tried to build would fail here.
      const noBuilders = mkdtempSync(join(context.workDir, 'no-builders-'));
      const run = await callAction(context, 'build-image', {
        push: mainPush(context),
        env: { PATH: noBuilders },
        inputs: {
          image: imageName(context),
          environment: 'production',
          'promote-from': staging.imageRef,
          ...registryInputs(context),
        },
      });
      const image = builtImage(run.outputs);
      check(
        image.digest === staging.digest,
        `promotion gave digest ${image.digest}, not the staging digest ${staging.digest}`,
      );
      check(
        image.metadata.builder === 'none',
        `a builder ran during promotion: ${String(image.metadata.builder)}`,
      );
      const commands = (image.metadata.commands as unknown[] | undefined) ?? [];
      check(commands.length === 0, `promotion ran commands: ${commands.join('; ')}`);
      const sha7 = current(context).sha.slice(0, 7);
      for (const tag of ['production-latest', `prod-${sha7}`, 'latest'])
        check(image.tags.includes(`${imageName(context)}:${tag}`), `promotion did not tag ${tag}`);
      context.images.production = image;
      return `${image.digest} (same as staging) tagged production-latest, prod-${sha7}, latest; builder: none`;
    },
  },
  {
    stage: 'production',
    name: 'deploy the promoted digest to production',
    async run(context) {
      const before = required(context.apps.production, 'the production app (previous release)');
      const detail = await deployImage(
        context,
        'production',
        mainPush(context),
        required(context.images.production, 'the promoted image'),
      )();
      const app = context.apps.production!;
      check(
        app.previousDeploymentId === before.deploymentId,
        `deploy-do says ${app.previousDeploymentId || '(nothing)'} was live before, not the previous release's ${before.deploymentId}`,
      );
      return detail;
    },
  },
  {
    stage: 'production',
    name: 'verify: live, ready, the smoke paths serve the promoted SHA',
    run: verify('production', mainPush, current),
  },
];

export const rollbackSteps: PipelineStep[] = [
  {
    stage: 'rollback',
    name: 'roll production back to the previous release',
    async run(context) {
      const from = required(context.apps.production, 'the production app');
      const previousImage = required(context.images.previous, 'the previous release image');
      const to = await deploy(context, 'production', rollbackDispatch(context), {
        'rollback-to': 'previous',
      });
      const running = imageRunBy(context, to.deploymentId);
      const expected = ghcrReference(context, previousImage.digest);
      check(
        running === expected,
        `the rollback deployment runs ${running}, not the previous release ${expected}`,
      );
      context.rollback = { from, to };
      context.apps.production = to;
      return `rollback deployment ${to.deploymentId} ACTIVE at ${to.liveUrl}, running ${expected}`;
    },
  },
  {
    stage: 'rollback',
    name: 'verify: live, ready, the smoke paths serve the previous release again',
    run: verify('production', rollbackDispatch, previous),
  },
];

/** Story 3 by version: the rollback workflow's own script resolves the tag, then deploy-do deploys that digest. */
export const versionRollbackSteps: PipelineStep[] = [
  {
    stage: 'rollback by version',
    name: 'resolve the version in the registry before changing anything',
    async run(context) {
      const production = required(context.images.production, 'the promoted image');
      const { username, password } = registryInputs(context);
      const run = await callScript(context, 'scripts/workflows/resolve-version.sh', {
        push: versionDispatch(context),
        env: {
          VERSION: promotedTag(context),
          IMAGE: imageName(context),
          REGISTRY_USERNAME: username,
          REGISTRY_PASSWORD: password,
        },
      });
      const expected = `${imageName(context)}@${production.digest}`;
      check(
        run.outputs['image-ref'] === expected,
        `the script resolved ${run.outputs['image-ref']}, not ${expected}`,
      );
      context.resolvedVersion = { tag: promotedTag(context), digest: production.digest };
      return `${promotedTag(context)} is ${production.digest}`;
    },
  },
  {
    stage: 'rollback by version',
    name: 'deploy the digest of that version',
    async run(context) {
      const resolved = required(context.resolvedVersion, 'the resolved version');
      const reference = ghcrReference(context, resolved.digest);
      const app = await deploy(context, 'production', versionDispatch(context), {
        images: `${componentName()}=${reference}`,
      });
      const running = imageRunBy(context, app.deploymentId);
      check(running === reference, `deployment ${app.deploymentId} runs ${running}, not ${reference}`);
      context.apps.production = app;
      return `${app.name} deployment ${app.deploymentId} ACTIVE at ${app.liveUrl}, running ${resolved.tag} (${reference})`;
    },
  },
  {
    stage: 'rollback by version',
    name: 'verify: live, ready, the smoke paths serve that version',
    run: verify('production', versionDispatch, current),
  },
];

export const pipelineSteps: PipelineStep[] = [
  ...setupSteps,
  ...previousReleaseSteps,
  ...stagingSteps,
  ...productionSteps,
  ...rollbackSteps,
  ...versionRollbackSteps,
];

export function makeWorkDir(parent: string): string {
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, 'shipyard-pipeline-'));
}
