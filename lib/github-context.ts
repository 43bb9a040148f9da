// The GitHub context an action sees: GITHUB_* variables plus the event payload at GITHUB_EVENT_PATH.
// On pull requests the commit that matters is the PR head, not the merge commit in GITHUB_SHA.
import { readFileSync } from 'node:fs';
import type { Env } from './runner.js';

export interface PullRequestContext {
  number: number;
  headSha: string;
  headRef: string;
  baseRef: string;
}

export interface GitHubContext {
  /** GITHUB_SHA: on pull_request events the merge commit. */
  sha: string;
  /** The commit that was pushed or proposed: the PR head SHA on pull requests, else GITHUB_SHA. */
  commitSha: string;
  ref: string;
  /** Branch or tag name (for pull requests: the head branch). */
  refName: string;
  refType: 'branch' | 'tag' | 'pull' | 'other';
  eventName: string;
  /** owner/name */
  repository: string;
  owner: string;
  serverUrl: string;
  runId: string;
  actor: string;
  pullRequest?: PullRequestContext;
  repositoryInfo: { description?: string; license?: string; htmlUrl?: string };
  event: Record<string, unknown>;
}

function readEvent(path: string | undefined, read: (path: string) => string): Record<string, unknown> {
  if (!path) return {};
  try {
    const parsed = JSON.parse(read(path)) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

interface EventShape {
  number?: number;
  pull_request?: { number?: number; head?: { sha?: string; ref?: string }; base?: { ref?: string } };
  repository?: { description?: string | null; html_url?: string; license?: { spdx_id?: string } | null };
}

function refParts(ref: string): { refType: GitHubContext['refType']; refName: string } {
  if (ref.startsWith('refs/heads/')) return { refType: 'branch', refName: ref.slice('refs/heads/'.length) };
  if (ref.startsWith('refs/tags/')) return { refType: 'tag', refName: ref.slice('refs/tags/'.length) };
  if (ref.startsWith('refs/pull/')) return { refType: 'pull', refName: ref.slice('refs/pull/'.length) };
  return { refType: 'other', refName: ref };
}

export function readGitHubContext(
  env: Env = process.env,
  read: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): GitHubContext {
  const event = readEvent(env.GITHUB_EVENT_PATH, read);
  const shape = event as EventShape;
  const ref = env.GITHUB_REF ?? '';
  let { refType, refName } = refParts(ref);
  const pr = shape.pull_request;
  const pullRequest: PullRequestContext | undefined =
    pr && (pr.number ?? shape.number)
      ? {
          number: Number(pr.number ?? shape.number),
          headSha: pr.head?.sha ?? env.GITHUB_SHA ?? '',
          headRef: pr.head?.ref ?? env.GITHUB_HEAD_REF ?? '',
          baseRef: pr.base?.ref ?? env.GITHUB_BASE_REF ?? '',
        }
      : undefined;
  if (pullRequest) {
    refType = 'pull';
    refName = pullRequest.headRef || refName;
  }
  const repository = env.GITHUB_REPOSITORY ?? '';
  const license = shape.repository?.license?.spdx_id;
  return {
    sha: env.GITHUB_SHA ?? '',
    commitSha: pullRequest?.headSha || env.GITHUB_SHA || '',
    ref,
    refName,
    refType,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    repository,
    owner: env.GITHUB_REPOSITORY_OWNER ?? repository.split('/')[0] ?? '',
    serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, ''),
    runId: env.GITHUB_RUN_ID ?? '',
    actor: env.GITHUB_ACTOR ?? '',
    pullRequest,
    repositoryInfo: {
      description: shape.repository?.description ?? undefined,
      license: license && license !== 'NOASSERTION' ? license : undefined,
      htmlUrl: shape.repository?.html_url,
    },
    event,
  };
}

/** https://github.com/owner/name */
export function repositoryUrl(context: GitHubContext): string {
  return context.repositoryInfo.htmlUrl ?? `${context.serverUrl}/${context.repository}`;
}
