// build-image: read inputs, build once (or promote a digest), tag by environment, report.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exec as realExec, type Exec } from '../../../lib/exec.js';
import { formatDuration } from '../../../lib/duration.js';
import { readGitHubContext, type GitHubContext } from '../../../lib/github-context.js';
import type { Fetch } from '../../../lib/http.js';
import { InputError } from '../../../lib/inputs.js';
import { RegistryClient } from '../../../lib/oci/client.js';
import { imageName, loweredNotice } from '../../../lib/oci/reference.js';
import { processRunner, type Env, type Runner } from '../../../lib/runner.js';
import { resolveBuilder, type BuildSpec } from './builders.js';
import { ImmutableTagError } from './immutable.js';
import { readInputs, type BuildInputs } from './inputs.js';
import { labelLines, ociLabels } from './labels.js';
import { buildAndPush, promote, type Published, type Registries } from './publish.js';
import { commitEpoch } from './source-date.js';
import { summaryMarkdown } from './summary.js';
import { environmentTags, expandTemplates, unique, versionOf } from './tags.js';

export interface Io {
  runner: Runner;
  env: Env;
  exec: Exec;
  fetch?: Fetch;
  now?: () => Date;
}

function registries(inputs: BuildInputs, runner: Runner, fetchImpl?: Fetch): Registries {
  const clients = new Map<string, RegistryClient>();
  return {
    client(registry) {
      let client = clients.get(registry);
      if (!client) {
        // Credentials go only to the registry of `image`, never to another host.
        const credentials = registry === inputs.image?.registry ? inputs.credentials : undefined;
        // A retry can wait for a while (Retry-After); the log says why the step is quiet.
        const onRetry = (reason: string, delayMs: number, attempt: number) =>
          runner.info(`${registry}: ${reason} (attempt ${attempt}); retrying in ${formatDuration(delayMs)}`);
        client = new RegistryClient({ registry, credentials, fetch: fetchImpl, onRetry });
        clients.set(registry, client);
      }
      return client;
    },
  };
}

function commandRecorder(runner: Runner): { log: { info(m: string): void }; commands: string[] } {
  const commands: string[] = [];
  return {
    commands,
    log: {
      info(message) {
        if (message.startsWith('$ ')) commands.push(message.slice(2));
        runner.info(message);
      },
    },
  };
}

function computeTags(inputs: BuildInputs, context: GitHubContext, runner: Runner): string[] {
  const expanded = expandTemplates(inputs.tagTemplates, context);
  for (const skipped of expanded.skipped)
    runner.info(`Tag template '${skipped}' does not apply to this event; skipped.`);
  return unique([...environmentTags(inputs.environment, context), ...expanded.tags]);
}

const COMMIT_SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/i;

function missingShaMessage(sha: string): string {
  const got = sha ? `'${sha}' is not a full commit SHA` : 'GITHUB_SHA is not set';
  return `build-image needs the commit it builds: ${got}. Tags (\`staging-<sha7>\`, \`sha-<sha7>\`) and the revision label are made from it; run it in a GitHub Actions job or set GITHUB_SHA.`;
}

export async function run(io: Partial<Io> = {}): Promise<void> {
  const runner = io.runner ?? processRunner();
  const env = io.env ?? process.env;
  const exec = io.exec ?? realExec;
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  let inputs: BuildInputs;
  let tags: string[];
  let context: GitHubContext;
  try {
    inputs = readInputs(
      (name) => runner.input(name),
      (s) => runner.setSecret(s),
      workspace,
    );
    context = readGitHubContext(env);
    if (!COMMIT_SHA.test(context.commitSha)) return runner.fail(missingShaMessage(context.commitSha));
    tags = computeTags(inputs, context, runner);
  } catch (error) {
    if (error instanceof InputError) return runner.fail(error.message);
    throw error;
  }
  const notice = inputs.image && inputs.imageText ? loweredNotice(inputs.imageText, inputs.image) : undefined;
  if (notice) runner.notice(notice);

  const version = versionOf(context);
  const now = io.now ?? (() => new Date());
  let labels = ociLabels(context, { version, created: now(), extra: inputs.labels });
  const started = Date.now();
  const recorder = commandRecorder(runner);
  let published: Published;
  let builder = 'none';
  try {
    if (inputs.promoteFrom) {
      runner.info(
        `Promoting ${imageName(inputs.promoteFrom)}@${inputs.promoteFrom.digest}: nothing is built.`,
      );
      published = await promote({
        source: { ...inputs.promoteFrom, digest: inputs.promoteFrom.digest! },
        target: inputs.image!,
        tags,
        isImmutable: inputs.isImmutable,
        registries: registries(inputs, runner, io.fetch),
      });
    } else {
      const resolved = await resolveBuilder(inputs.builder, exec);
      if (!resolved)
        return runner.fail(
          new InputError(
            'builder',
            inputs.builder === 'auto'
              ? 'a builder on this runner: docker with buildx and a running daemon, or buildah'
              : `${inputs.builder} to be installed and working on this runner`,
            inputs.builder,
          ).message,
        );
      builder = resolved;
      const sourceDateEpoch = await commitEpoch(context, exec, workspace);
      if (sourceDateEpoch !== undefined)
        labels = ociLabels(context, {
          version,
          created: new Date(sourceDateEpoch * 1000),
          extra: inputs.labels,
        });
      const runnerTemp = env.RUNNER_TEMP || tmpdir();
      mkdirSync(runnerTemp, { recursive: true });
      const workDir = mkdtempSync(join(runnerTemp, 'build-image-'));
      const spec: BuildSpec = {
        context: inputs.context,
        file: inputs.file,
        image: inputs.image,
        tags,
        labels,
        buildArgs: inputs.buildArgs,
        platforms: inputs.platforms,
        cache: inputs.cache,
        push: inputs.push,
        workDir,
        sourceDateEpoch,
      };
      if (builder === 'buildah' && inputs.cache !== 'none')
        runner.warning(`cache: ${inputs.cache} applies to docker buildx only; buildah builds without it.`);
      if (builder === 'docker' && inputs.cache === 'registry' && !inputs.push && inputs.image)
        runner.notice(
          `cache: registry with push: false reads the cache from ${imageName(inputs.image)}:buildcache but does not write it back (that would push to the registry).`,
        );
      runner.group(`Build with ${builder}`);
      try {
        published = await buildAndPush({
          builder: resolved,
          spec,
          isImmutable: inputs.isImmutable,
          registries: registries(inputs, runner, io.fetch),
          credentials: inputs.credentials,
          exec,
          log: recorder.log,
          buildahStorage: join(runnerTemp, 'shipyard-buildah'),
        });
      } finally {
        runner.endGroup();
      }
    }
  } catch (error) {
    if (error instanceof ImmutableTagError) return runner.fail(error.message);
    return runner.fail(`build-image: ${(error as Error).message}`);
  }

  const name = inputs.image ? imageName(inputs.image) : '';
  // A promoted image keeps the labels it was built with.
  const imageLabels = published.labels ?? labels;
  for (const t of published.tags)
    if (t.state === 'unchanged' && t.immutable)
      runner.notice(`Tag ${t.tag} already points to ${published.digest}: left as is.`);
  const imageRef = name ? `${name}@${published.digest}` : published.digest;
  const tagRefs = name ? published.tags.map((t) => `${name}:${t.tag}`) : published.tags.map((t) => t.tag);
  runner.setOutput('digest', published.digest);
  runner.setOutput('image-ref', imageRef);
  runner.setOutput('tags', tagRefs.join('\n'));
  runner.setOutput('version', version);
  runner.setOutput('labels', labelLines(imageLabels));
  runner.setOutput(
    'metadata',
    JSON.stringify({
      image: name,
      digest: published.digest,
      imageRef,
      tags: published.tags,
      version,
      labels: imageLabels,
      builder,
      pushed: published.pushed,
      promotedFrom: inputs.promoteFrom
        ? `${imageName(inputs.promoteFrom)}@${inputs.promoteFrom.digest}`
        : undefined,
      sizeBytes: published.sizeBytes,
      durationMs: Date.now() - started,
      buildMs: published.buildMs,
      commands: recorder.commands,
    }),
  );
  runner.info(
    `Image ${imageRef} (${published.pushed ? 'pushed' : 'local'}); tags: ${published.tags.map((t) => t.tag).join(', ')}`,
  );
  runner.appendSummary(
    summaryMarkdown({
      image: name,
      published,
      builder,
      promotedFrom: inputs.promoteFrom
        ? `${imageName(inputs.promoteFrom)}@${inputs.promoteFrom.digest}`
        : undefined,
      totalMs: Date.now() - started,
      commands: recorder.commands,
    }),
  );
}
