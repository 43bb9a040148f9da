import { describe, expect, it } from '@jest/globals';
import { readGitHubContext, repositoryUrl } from '../../lib/github-context.js';

const base = {
  GITHUB_SHA: 'merge0000000000000000000000000000000000',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_EVENT_PATH: '/event.json',
};

describe('readGitHubContext', () => {
  it('takes the PR head SHA, not the merge commit, on pull requests', () => {
    const event = {
      number: 42,
      pull_request: { number: 42, head: { sha: 'head123456789', ref: 'feature/x' } },
    };
    const context = readGitHubContext(
      { ...base, GITHUB_REF: 'refs/pull/42/merge', GITHUB_EVENT_NAME: 'pull_request' },
      () => JSON.stringify(event),
    );
    expect(context).toMatchObject({
      sha: base.GITHUB_SHA,
      commitSha: 'head123456789',
      refType: 'pull',
      refName: 'feature/x',
      pullRequest: { number: 42, headSha: 'head123456789' },
    });
  });

  it('reads branch and tag refs and repository facts from the payload', () => {
    const event = { repository: { description: 'A shop', license: { spdx_id: 'MIT' } } };
    const tag = readGitHubContext({ ...base, GITHUB_REF: 'refs/tags/v1.2.3' }, () => JSON.stringify(event));
    expect(tag).toMatchObject({
      refType: 'tag',
      refName: 'v1.2.3',
      commitSha: base.GITHUB_SHA,
      owner: 'acme',
    });
    expect(tag.repositoryInfo).toEqual({ description: 'A shop', license: 'MIT', htmlUrl: undefined });
    expect(repositoryUrl(tag)).toBe('https://github.com/acme/shop');
    const branch = readGitHubContext({ ...base, GITHUB_REF: 'refs/heads/main', GITHUB_EVENT_PATH: '' });
    expect(branch).toMatchObject({ refType: 'branch', refName: 'main', pullRequest: undefined, event: {} });
  });

  it('survives an unreadable event file', () => {
    const context = readGitHubContext({ ...base }, () => {
      throw new Error('ENOENT');
    });
    expect(context.event).toEqual({});
  });
});
