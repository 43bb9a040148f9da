// What the runner hands an action on a push: the GITHUB_* variables and the push event payload
// (written to GITHUB_EVENT_PATH by runAction), for a branch push or a release tag push.

export interface Push {
  /** owner/name */
  repository: string;
  /** `refs/heads/staging`, `refs/tags/v1.0.0`, ... */
  ref: string;
  sha: string;
  /** The commit the ref pointed at before the push (all zeros for a new ref). */
  before: string;
  message: string;
}

export const NO_COMMIT = '0'.repeat(40);

export function refName(ref: string): string {
  return ref.replace(/^refs\/(heads|tags)\//, '');
}

let runNumber = 0;

export function pushEnv(push: Push): Record<string, string> {
  const [owner] = push.repository.split('/');
  runNumber += 1;
  return {
    GITHUB_EVENT_NAME: 'push',
    GITHUB_SHA: push.sha,
    GITHUB_REF: push.ref,
    GITHUB_REF_NAME: refName(push.ref),
    GITHUB_REF_TYPE: push.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    GITHUB_REPOSITORY: push.repository,
    GITHUB_REPOSITORY_OWNER: owner,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_ACTOR: owner,
    GITHUB_WORKFLOW: 'local pipeline',
    GITHUB_JOB: 'pipeline',
    GITHUB_RUN_ID: String(Date.now()),
    GITHUB_RUN_NUMBER: String(runNumber),
    GITHUB_RUN_ATTEMPT: '1',
  };
}

export function pushEvent(push: Push): Record<string, unknown> {
  const [owner, name] = push.repository.split('/');
  const htmlUrl = `https://github.com/${push.repository}`;
  const commit = {
    id: push.sha,
    message: push.message,
    timestamp: new Date().toISOString(),
    url: `${htmlUrl}/commit/${push.sha}`,
    author: { name: owner, email: `${owner}@users.noreply.github.com`, username: owner },
  };
  return {
    ref: push.ref,
    before: push.before,
    after: push.sha,
    created: push.before === NO_COMMIT,
    deleted: false,
    forced: false,
    compare: `${htmlUrl}/compare/${push.before.slice(0, 12)}...${push.sha.slice(0, 12)}`,
    commits: [commit],
    head_commit: commit,
    pusher: { name: owner, email: `${owner}@users.noreply.github.com` },
    repository: {
      name,
      full_name: push.repository,
      owner: { login: owner, name: owner },
      html_url: htmlUrl,
      description: 'The sample app shipyard deploys',
      default_branch: 'main',
      license: { spdx_id: 'MIT' },
    },
    sender: { login: owner },
  };
}
