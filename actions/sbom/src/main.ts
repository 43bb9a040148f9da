// The sbom action: inputs → scan (source tree or image) → validated documents → outputs, summary.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { Fetch } from '../../../lib/http.js';
import { InputError } from '../../../lib/inputs.js';
import { formatReference, imageName, RegistryClient } from '../../../lib/oci/index.js';
import { processRunner, type Env, type Runner } from '../../../lib/runner.js';
import { cycloneDxJson, type SbomDocumentOptions } from './cyclonedx.js';
import { readInputs, type Format, type SbomInputs } from './inputs.js';
import { LockfileError, type ScanResult } from './model.js';
import {
  artifactName,
  attachToRelease,
  dependencySnapshot,
  MissingPermissionError,
  submitSnapshot,
  uploadArtifact,
} from './publish.js';
import { purl } from './purl.js';
import { scanSource } from './scan.js';
import type { SbomSubject } from './subject.js';
import { sbomSummary } from './summary.js';
import { validateCycloneDx, validateSpdx } from './validate.js';
import { TOOL } from './version.js';

export interface SbomIo {
  runner?: Runner;
  env?: Env;
  fetch?: Fetch;
  now?: () => Date;
  cwd?: string;
}

interface Scanned {
  scan: ScanResult;
  subject: SbomSubject;
  title: string;
}

async function scan(inputs: SbomInputs, env: Env, io: SbomIo, runner: Runner): Promise<Scanned> {
  const source = inputs.source;
  if (source.kind === 'path') {
    const workspace = env.GITHUB_WORKSPACE || io.cwd || process.cwd();
    const inside = !relative(workspace, source.path).startsWith('..');
    const result = scanSource(source.path, inside ? workspace : undefined);
    const repository = env.GITHUB_REPOSITORY ?? 'source';
    return {
      scan: result,
      subject: {
        kind: 'source',
        name: repository,
        version: env.GITHUB_SHA,
        purl:
          repository.includes('/') && env.GITHUB_SHA
            ? purl('github', repository.split('/')[0], repository.split('/')[1], env.GITHUB_SHA)
            : undefined,
      },
      title: `SBOM of ${source.shown === '.' ? repository : `${repository}/${source.shown}`}`,
    };
  }
  const { ref } = source;
  const client = new RegistryClient({
    registry: ref.registry,
    credentials: inputs.credentials,
    fetch: io.fetch,
  });
  runner.info(
    `Reading ${formatReference(ref)} (${inputs.platform.os}/${inputs.platform.architecture}) from the registry`,
  );
  // loaded only for images (and the SPDX writer only for spdx): a lockfile run does not parse them
  const { scanImage } = await import('./image/image.js');
  const result = await scanImage(client, ref, inputs.platform);
  runner.info(`Read ${result.layers} layer(s) of ${imageName(ref)}@${result.digest}`);
  const name = imageName(ref);
  const last = ref.repository.split('/').pop()!;
  return {
    scan: result,
    subject: {
      kind: 'image',
      name,
      version: ref.tag ?? result.digest,
      digest: result.digest,
      purl: purl('oci', undefined, last, result.digest, {
        repository_url: name,
        tag: ref.tag,
        arch: inputs.platform.architecture,
      }),
    },
    title: `SBOM of ${name}${ref.tag ? `:${ref.tag}` : ''}@${result.digest}`,
  };
}

async function render(format: Format, options: SbomDocumentOptions): Promise<string> {
  if (format === 'cyclonedx-json') {
    const json = cycloneDxJson(options);
    await validateCycloneDx(json);
    return json + '\n';
  }
  const { spdxJson } = await import('./spdx.js');
  const json = JSON.stringify(spdxJson(options), null, 2);
  await validateSpdx(json);
  return json + '\n';
}

function describeError(error: unknown, inputs: SbomInputs): string {
  if (error instanceof LockfileError) return `Corrupt lockfile ${error.message}`;
  if (inputs.source.kind === 'image')
    return `Cannot read image ${inputs.source.text}: ${(error as Error).message}`;
  return (error as Error).message;
}

async function publish(
  inputs: SbomInputs,
  scanned: Scanned,
  files: string[],
  env: Env,
  io: SbomIo,
  runner: Runner,
) {
  const notes: string[] = [];
  if (inputs.uploadArtifact) {
    const name =
      inputs.artifactName ??
      artifactName(
        env,
        inputs.matrix,
        inputs.source.kind === 'image' ? inputs.source.ref.repository : inputs.source.shown,
      );
    const uploaded = await uploadArtifact(name, files).catch((error: Error) => {
      throw new Error(`upload-artifact: ${error.message}`);
    });
    runner.info(`Uploaded artifact ${name}${uploaded.id ? ` (id ${uploaded.id})` : ''}`);
    runner.setOutput('artifact-name', name);
    notes.push(`**Artifact:** \`${name}\``);
  }
  if (inputs.attachToRelease && env.GITHUB_EVENT_NAME === 'release' && env.GITHUB_EVENT_PATH) {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as {
      release?: { upload_url?: string; assets_url?: string; tag_name?: string };
    };
    if (event.release?.upload_url) {
      const urls = await attachToRelease(event.release.upload_url, files, inputs.token, {
        fetch: io.fetch,
        assetsUrl: event.release.assets_url,
        replaced: (name) => runner.info(`Replaced the release asset ${name} left by an earlier run`),
      });
      runner.info(`Attached to release ${event.release.tag_name ?? ''}: ${urls.join(', ')}`);
      notes.push(`**Release assets:** ${urls.map((u) => `<${u}>`).join(', ')}`);
    }
  }
  if (inputs.dependencySnapshot) {
    const repository = env.GITHUB_REPOSITORY;
    const sha = env.GITHUB_SHA;
    const ref = env.GITHUB_REF;
    if (!repository || !sha || !ref?.startsWith('refs/')) {
      runner.warning(
        'dependency-snapshot: GITHUB_REPOSITORY, GITHUB_SHA and GITHUB_REF are needed; not submitted',
      );
      return notes;
    }
    const what = inputs.source.kind === 'image' ? imageName(inputs.source.ref) : inputs.source.shown;
    const snapshot = dependencySnapshot(scanned.scan.packages, scanned.scan.directDependencies, {
      sha,
      ref,
      correlator: [
        env.GITHUB_WORKFLOW ?? 'workflow',
        env.GITHUB_JOB ?? 'job',
        inputs.matrix && inputs.matrix !== 'null' ? inputs.matrix : '',
        what,
      ]
        .filter(Boolean)
        .join(' / '),
      jobId: `${env.GITHUB_RUN_ID ?? '0'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}-${env.GITHUB_JOB ?? 'job'}`,
      jobUrl:
        env.GITHUB_SERVER_URL && env.GITHUB_RUN_ID
          ? `${env.GITHUB_SERVER_URL}/${repository}/actions/runs/${env.GITHUB_RUN_ID}`
          : undefined,
      detector: TOOL,
      scanned: (io.now ?? (() => new Date()))(),
    });
    try {
      const answer = await submitSnapshot(inputs.apiUrl, repository, snapshot, inputs.token, {
        fetch: io.fetch,
      });
      runner.info(
        `Dependency snapshot submitted${answer.id ? ` (id ${answer.id}, ${answer.result ?? 'accepted'})` : ''}`,
      );
      notes.push(`**Dependency snapshot:** submitted${answer.id ? ` (id ${answer.id})` : ''}`);
    } catch (error) {
      if (!(error instanceof MissingPermissionError)) throw error;
      runner.warning(error.message);
      notes.push(`**Dependency snapshot:** not submitted: ${error.message}`);
    }
  }
  return notes;
}

export async function run(io: SbomIo = {}): Promise<void> {
  const runner = io.runner ?? processRunner();
  const env = io.env ?? process.env;
  let inputs: SbomInputs;
  try {
    inputs = readInputs(runner.input, env, io.cwd);
    if (inputs.credentials) runner.setSecret(inputs.credentials.password);
    if (inputs.token) runner.setSecret(inputs.token);
  } catch (error) {
    if (error instanceof InputError) return runner.fail(error.message);
    throw error;
  }
  let scanned: Scanned;
  try {
    scanned = await scan(inputs, env, io, runner);
  } catch (error) {
    return runner.fail(describeError(error, inputs));
  }
  const { scan: result } = scanned;
  for (const file of result.unsupported)
    runner.warning(`${file}: a lockfile format this action does not read; its packages are not in the SBOM`);
  for (const u of result.unpinned)
    runner.warning(
      `${u.file}${u.line ? `:${u.line}` : ''}: unpinned requirement '${u.text}' is not in the SBOM (pin it with ==)`,
    );
  const options: SbomDocumentOptions = {
    subject: scanned.subject,
    packages: result.packages,
    directDependencies: result.directDependencies,
    tool: TOOL,
    serialNumber: randomUUID(),
    timestamp: (io.now ?? (() => new Date()))(),
  };
  try {
    for (const [i, format] of inputs.formats.entries()) {
      const file = inputs.outputFiles[i];
      const text = await render(format, options);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      runner.info(`Wrote ${format} SBOM with ${result.packages.length} components to ${file}`);
    }
  } catch (error) {
    return runner.fail((error as Error).message);
  }
  runner.setOutput('sbom-file', inputs.outputFiles.join('\n'));
  runner.setOutput('component-count', result.packages.length);
  if (scanned.subject.digest) runner.setOutput('image-digest', scanned.subject.digest);
  let notes: string[] = [];
  try {
    notes = await publish(inputs, scanned, inputs.outputFiles, env, io, runner);
  } catch (error) {
    runner.appendSummary(sbomSummary({ title: scanned.title, scan: result, files: inputs.outputFiles }));
    return runner.fail((error as Error).message);
  }
  runner.appendSummary(sbomSummary({ title: scanned.title, scan: result, files: inputs.outputFiles, notes }));
}
