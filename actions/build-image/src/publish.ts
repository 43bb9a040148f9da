// Build-then-push and promote: the two ways an image gets its tags.
import type { Exec } from '../../../lib/exec.js';
import { copyImage, type CopyResult } from '../../../lib/oci/copy.js';
import type { RegistryClient } from '../../../lib/oci/client.js';
import { imageLabels } from '../../../lib/oci/inspect.js';
import { imageSize, imageSizeFromLayout, pushLayout } from '../../../lib/oci/layout.js';
import { imageName, type ImageReference } from '../../../lib/oci/reference.js';
import { buildWithBuildah, buildWithDocker, type BuildSpec, type Log } from './builders.js';
import { planTags, type TagPlan } from './immutable.js';

export interface Published {
  digest: string;
  /** Tag plans against the registry; state `local` when nothing was pushed. */
  tags: (TagPlan | { tag: string; state: 'local'; immutable: boolean })[];
  sizeBytes?: number;
  pushed: boolean;
  buildMs?: number;
  copy?: CopyResult;
  /** The labels the image carries, when they were not set by this run (promotion). */
  labels?: Record<string, string>;
}

export interface Registries {
  /** A client for a registry host (shared per host, so tokens are reused). */
  client(registry: string): RegistryClient;
}

function putTags(plans: TagPlan[]): string[] {
  return plans.filter((p) => p.state !== 'unchanged').map((p) => p.tag);
}

function plan(
  client: RegistryClient,
  image: ImageReference,
  tags: string[],
  digest: string,
  isImmutable: (tag: string) => boolean,
  uploadedUntagged = false,
) {
  const current = (tag: string) => client.tagDigest(image.repository, tag);
  return planTags(tags, digest, isImmutable, current, uploadedUntagged);
}

/** Tags an image already in `image`'s repository by digest (re-putting its manifest). */
async function tagByDigest(client: RegistryClient, image: ImageReference, digest: string, plans: TagPlan[]) {
  const location = { client, repository: image.repository };
  return copyImage(location, digest, location, putTags(plans));
}

export interface BuildOptions {
  builder: 'docker' | 'buildah';
  spec: BuildSpec;
  isImmutable: (tag: string) => boolean;
  registries: Registries;
  credentials?: { username: string; password: string };
  exec: Exec;
  log: Log;
  buildahStorage: string;
  now?: () => number;
}

export async function buildAndPush(options: BuildOptions): Promise<Published> {
  const { spec, log } = options;
  const now = options.now ?? Date.now;
  const local = (digest: string, started: number, sizeBytes?: number): Published => ({
    digest,
    tags: spec.tags.map((tag) => ({ tag, state: 'local' as const, immutable: options.isImmutable(tag) })),
    sizeBytes,
    pushed: false,
    buildMs: now() - started,
  });
  const started = now();
  if (options.builder === 'buildah') {
    const built = await buildWithBuildah(spec, {
      exec: options.exec,
      log,
      storageDir: options.buildahStorage,
    });
    const buildMs = now() - started;
    const sizeBytes = imageSizeFromLayout(built.layoutDir, built.digest);
    if (!spec.push || !spec.image) return local(built.digest, started, sizeBytes);
    const client = options.registries.client(spec.image.registry);
    // The digest is known before upload, so an immutable-tag conflict stops everything here.
    const plans = await plan(client, spec.image, spec.tags, built.digest, options.isImmutable);
    log.info(`Uploading ${built.digest} to ${imageName(spec.image)} by digest`);
    await pushLayout(client, spec.image.repository, built.layoutDir, built.digest);
    const copy = await tagByDigest(client, spec.image, built.digest, plans);
    return { digest: built.digest, tags: plans, sizeBytes, pushed: true, buildMs, copy };
  }
  const metadata = await buildWithDocker(spec, { exec: options.exec, log, credentials: options.credentials });
  const buildMs = now() - started;
  if (!spec.push || !spec.image) return local(metadata.digest, started);
  const client = options.registries.client(spec.image.registry);
  const plans = await plan(client, spec.image, spec.tags, metadata.digest, options.isImmutable, true);
  const copy = await tagByDigest(client, spec.image, metadata.digest, plans);
  const sizeBytes = await imageSize(client, spec.image.repository, metadata.digest);
  return { digest: metadata.digest, tags: plans, sizeBytes, pushed: true, buildMs, copy };
}

export class SourceMissingError extends Error {
  constructor(reference: string) {
    super(`promote-from ${reference} does not exist in the registry; nothing was promoted`);
    this.name = 'SourceMissingError';
  }
}

export async function promote(options: {
  source: ImageReference & { digest: string };
  target: ImageReference;
  tags: string[];
  isImmutable: (tag: string) => boolean;
  registries: Registries;
}): Promise<Published> {
  const { source, target } = options;
  const sourceClient = options.registries.client(source.registry);
  const targetClient = options.registries.client(target.registry);
  if (!(await sourceClient.headManifest(source.repository, source.digest)))
    throw new SourceMissingError(`${imageName(source)}@${source.digest}`);
  const plans = await plan(targetClient, target, options.tags, source.digest, options.isImmutable);
  const copy = await copyImage(
    { client: sourceClient, repository: source.repository },
    source.digest,
    { client: targetClient, repository: target.repository },
    putTags(plans),
  );
  const sizeBytes = await imageSize(targetClient, target.repository, source.digest);
  const labels = await imageLabels(targetClient, target.repository, source.digest);
  return { digest: source.digest, tags: plans, sizeBytes, pushed: true, copy, labels };
}
