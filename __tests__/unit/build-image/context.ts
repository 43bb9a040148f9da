// GitHub contexts for the build-image tests.
import type { GitHubContext } from '../../../lib/github-context.js';

export const SHA = 'abc1234def5678901234567890abcdef12345678';
export const HEAD_SHA = 'fed9876543210fedcba9876543210fedcba98765';

export function contextFor(overrides: Partial<GitHubContext> = {}): GitHubContext {
  return {
    sha: SHA,
    commitSha: SHA,
    ref: 'refs/heads/main',
    refName: 'main',
    refType: 'branch',
    eventName: 'push',
    repository: 'acme/shop',
    owner: 'acme',
    serverUrl: 'https://github.com',
    runId: '1',
    actor: 'dev',
    repositoryInfo: { description: 'The shop', license: 'MIT' },
    event: {},
    ...overrides,
  };
}

export const tagRef = (tag: string) => contextFor({ ref: `refs/tags/${tag}`, refName: tag, refType: 'tag' });

export const pullRequest = contextFor({
  ref: 'refs/pull/42/merge',
  refName: 'feature/Login',
  refType: 'pull',
  eventName: 'pull_request',
  commitSha: HEAD_SHA,
  pullRequest: { number: 42, headSha: HEAD_SHA, headRef: 'feature/Login', baseRef: 'main' },
});
