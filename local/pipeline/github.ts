// What the runner hands an action on a push: the GITHUB_* variables and the push event payload
// (written to GITHUB_EVENT_PATH by runAction), for a branch push or a release tag push; or, for a
// manual run such as the rollback workflow, a workflow_dispatch event with its inputs.

export interface Push {
  /** `push` unless set; `workflow_dispatch` for a manually started workflow. */
  event?: 'push' | 'workflow_dispatch';
  /** The workflow_dispatch inputs. */
  inputs?: Record<string, string>;
  /** owner/name */
  repository: string;
  /** `refs/heads/staging`, `refs/tags/v1.0.0`, ... */
  ref: string;
  sha: string;
  /** The commit the ref pointed at before the push (all zeros for a new ref). */
  before: string;
  message: string;
  /** When the commit was made (ISO 8601); build-image builds with this time. Default: now. */
  timestamp?: string;
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
    GITHUB_EVENT_NAME: push.event ?? 'push',
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

function repositoryPayload(repository: string) {
  const [owner, name] = repository.split('/');
  return {
    name,
    full_name: repository,
    owner: { login: owner, name: owner },
    html_url: `https://github.com/${repository}`,
    description: 'The sample app shipyard deploys',
    default_branch: 'main',
    license: { spdx_id: 'MIT' },
  };
}

export function pushEvent(push: Push): Record<string, unknown> {
  const [owner] = push.repository.split('/');
  if (push.event === 'workflow_dispatch')
    return {
      inputs: push.inputs ?? {},
      ref: push.ref,
      repository: repositoryPayload(push.repository),
      sender: { login: owner },
      workflow: '.github/workflows/rollback.yml',
    };
  const htmlUrl = `https://github.com/${push.repository}`;
  const commit = {
    id: push.sha,
    message: push.message,
    timestamp: push.timestamp ?? new Date().toISOString(),
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
    repository: repositoryPayload(push.repository),
    sender: { login: owner },
  };
}
