// Where the SBOM goes besides disk: a workflow artifact, release assets, GitHub's dependency graph.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { requestWithRetry, type Fetch } from '../../../lib/http.js';
import type { Env } from '../../../lib/runner.js';
import type { Package } from './model.js';

/**
 * An artifact name no other job or matrix leg of the run uses: artifact names are unique per
 * run, so two legs uploading `sbom` collide (the second upload fails).
 */
export function artifactName(env: Env, matrix: string, subject: string): string {
  const legs =
    matrix && matrix !== 'null' ? `-${createHash('sha256').update(matrix).digest('hex').slice(0, 8)}` : '';
  const what = subject
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `sbom-${env.GITHUB_JOB ?? 'job'}${legs}-${/^\.*$/.test(what) ? 'source' : what}`;
}

export async function uploadArtifact(name: string, files: string[]): Promise<{ id?: number; size?: number }> {
  // loaded only when asked for: the artifact client is most of the bundle's weight
  const { DefaultArtifactClient } = await import('@actions/artifact');
  const client = new DefaultArtifactClient();
  const rootDirectory = dirname(files[0]);
  return client.uploadArtifact(name, files, rootDirectory, {});
}

export class GitHubApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'GitHubApiError';
  }
}

function githubHeaders(token: string): Record<string, string> {
  return {
    authorization: `Bearer ${token}`,
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    'user-agent': 'shipyard-sbom',
  };
}

async function failure(response: Response, what: string): Promise<never> {
  const body = await response.text().catch(() => '');
  let message = body.slice(0, 300);
  try {
    message = (JSON.parse(body) as { message?: string }).message ?? message;
  } catch {
    // not JSON: keep the text
  }
  throw new GitHubApiError(
    `${what}: HTTP ${response.status}${message ? ` (${message})` : ''}`,
    response.status,
  );
}

function uploadAsset(url: string, body: Buffer, token: string, io: { fetch?: Fetch }): Promise<Response> {
  return requestWithRetry(
    url,
    {
      method: 'POST',
      headers: {
        ...githubHeaders(token),
        'content-type': 'application/json',
        'content-length': String(body.length),
      },
      body,
      timeoutMs: 60_000,
    },
    io,
  );
}

/** Deletes the asset called `name` (left by an earlier run of this job); false when there is none. */
async function deleteAsset(
  assetsUrl: string,
  name: string,
  token: string,
  io: { fetch?: Fetch },
): Promise<boolean> {
  const listing = await requestWithRetry(
    `${assetsUrl}?per_page=100`,
    { method: 'GET', headers: githubHeaders(token), timeoutMs: 30_000 },
    io,
  );
  if (!listing.ok) await failure(listing, `list the release's assets`);
  const asset = ((await listing.json()) as { name: string; url: string }[]).find((a) => a.name === name);
  if (!asset) return false;
  const deleted = await requestWithRetry(
    asset.url,
    { method: 'DELETE', headers: githubHeaders(token), timeoutMs: 30_000 },
    io,
  );
  if (!deleted.ok) await failure(deleted, `delete the earlier release asset ${name}`);
  return true;
}

/**
 * Attaches files to the release of a `release` event (its upload_url template). An asset of the
 * same name (a re-run of the job) is replaced when the release's assets_url is known.
 */
export async function attachToRelease(
  uploadUrlTemplate: string,
  files: string[],
  token: string,
  io: { fetch?: Fetch; assetsUrl?: string; replaced?: (name: string) => void } = {},
): Promise<string[]> {
  const base = uploadUrlTemplate.replace(/\{[^}]*\}$/, '');
  const urls: string[] = [];
  for (const file of files) {
    const name = basename(file);
    const url = `${base}?name=${encodeURIComponent(name)}`;
    const body = readFileSync(file);
    let response = await uploadAsset(url, body, token, io);
    if (response.status === 422) {
      const text = await response.text();
      if (!io.assetsUrl || !(await deleteAsset(io.assetsUrl, name, token, io)))
        throw new GitHubApiError(
          `release asset ${name} already exists on this release (HTTP 422: ${text.slice(0, 200)})`,
          422,
        );
      io.replaced?.(name);
      response = await uploadAsset(url, body, token, io);
    }
    if (!response.ok) await failure(response, `upload release asset ${name}`);
    urls.push(((await response.json()) as { browser_download_url?: string }).browser_download_url ?? url);
  }
  return urls;
}

export interface SnapshotContext {
  sha: string;
  ref: string;
  correlator: string;
  jobId: string;
  jobUrl?: string;
  detector: { name: string; version: string; url: string };
  scanned: Date;
}

export function dependencySnapshot(
  packages: Package[],
  directDependencies: string[],
  context: SnapshotContext,
) {
  const direct = new Set(directDependencies);
  const manifests: Record<
    string,
    { name: string; file: { source_location: string }; resolved: Record<string, unknown> }
  > = {};
  for (const pkg of packages) {
    const manifest = (manifests[pkg.foundIn] ??= {
      name: pkg.foundIn,
      file: { source_location: pkg.foundIn.replace(/^\//, '') },
      resolved: {},
    });
    manifest.resolved[pkg.purl] = {
      package_url: pkg.purl,
      relationship: direct.has(pkg.purl) ? 'direct' : 'indirect',
      scope: pkg.scope === 'optional' ? 'development' : 'runtime',
      dependencies: pkg.dependsOn,
    };
  }
  return {
    version: 0,
    job: {
      id: context.jobId,
      correlator: context.correlator,
      ...(context.jobUrl && { html_url: context.jobUrl }),
    },
    sha: context.sha,
    ref: context.ref,
    detector: context.detector,
    scanned: context.scanned.toISOString(),
    manifests,
  };
}

export class MissingPermissionError extends Error {}

export async function submitSnapshot(
  apiUrl: string,
  repository: string,
  snapshot: unknown,
  token: string,
  io: { fetch?: Fetch } = {},
): Promise<{ id?: number; result?: string }> {
  const url = `${apiUrl.replace(/\/+$/, '')}/repos/${repository}/dependency-graph/snapshots`;
  const response = await requestWithRetry(
    url,
    {
      method: 'POST',
      headers: { ...githubHeaders(token), 'content-type': 'application/json' },
      body: JSON.stringify(snapshot),
      timeoutMs: 60_000,
    },
    io,
  );
  if (response.status === 403) {
    const text = await response.text().catch(() => '');
    throw new MissingPermissionError(
      `the dependency snapshot was refused (HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}); the token needs the \`contents: write\` permission (add \`permissions: contents: write\` to the job) and the repository must have the dependency graph enabled`,
    );
  }
  if (!response.ok) await failure(response, 'submit dependency snapshot');
  return (await response.json()) as { id?: number; result?: string };
}
