import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGitHubContext } from '../../../lib/github-context.js';
import { NO_COMMIT, pushEnv, pushEvent, refName, type Push } from '../../../local/pipeline/github.js';

const sha = 'a'.repeat(40);
const staging: Push = {
  repository: 'acme/shop',
  ref: 'refs/heads/staging',
  sha,
  before: 'b'.repeat(40),
  message: 'Add a page',
};

/** What an action reads from the variables and the event file together. */
function contextSeenByAction(push: Push) {
  const dir = mkdtempSync(join(tmpdir(), 'push-event-'));
  try {
    const eventPath = join(dir, 'event.json');
    writeFileSync(eventPath, JSON.stringify(pushEvent(push)));
    return readGitHubContext({ ...pushEnv(push), GITHUB_EVENT_PATH: eventPath });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a push as the runner describes it', () => {
  it('sets the variables of a branch push', () => {
    expect(pushEnv(staging)).toMatchObject({
      GITHUB_EVENT_NAME: 'push',
      GITHUB_SHA: sha,
      GITHUB_REF: 'refs/heads/staging',
      GITHUB_REF_NAME: 'staging',
      GITHUB_REF_TYPE: 'branch',
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_REPOSITORY_OWNER: 'acme',
    });
  });

  it('gives actions the branch, commit and repository of the push', () => {
    expect(contextSeenByAction(staging)).toMatchObject({
      refType: 'branch',
      refName: 'staging',
      commitSha: sha,
      eventName: 'push',
      repository: 'acme/shop',
      owner: 'acme',
      repositoryInfo: { htmlUrl: 'https://github.com/acme/shop', license: 'MIT' },
    });
  });

  it('describes a new release tag', () => {
    const tag = { ...staging, ref: 'refs/tags/v1.0.0', before: NO_COMMIT };
    expect(pushEnv(tag)).toMatchObject({ GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v1.0.0' });
    expect(pushEvent(tag)).toMatchObject({ created: true, after: sha, head_commit: { id: sha } });
    expect(contextSeenByAction(tag)).toMatchObject({ refType: 'tag', refName: 'v1.0.0' });
  });

  it('describes a manual run of a workflow with its inputs', () => {
    const dispatch: Push = {
      ...staging,
      ref: 'refs/heads/main',
      event: 'workflow_dispatch',
      inputs: { version: 'previous' },
    };
    expect(pushEnv(dispatch)).toMatchObject({
      GITHUB_EVENT_NAME: 'workflow_dispatch',
      GITHUB_REF_NAME: 'main',
    });
    expect(pushEvent(dispatch)).toMatchObject({ inputs: { version: 'previous' }, ref: 'refs/heads/main' });
    expect(contextSeenByAction(dispatch)).toMatchObject({
      eventName: 'workflow_dispatch',
      refName: 'main',
      commitSha: sha,
    });
  });

  it('names refs without their prefix', () => {
    expect(refName('refs/heads/feature/x')).toBe('feature/x');
    expect(refName('refs/tags/v2')).toBe('v2');
  });
});
