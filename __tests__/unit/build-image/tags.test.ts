import { describe, expect, it } from '@jest/globals';
import { environmentTags, expandTemplates, versionOf } from '../../../actions/build-image/src/tags.js';
import { contextFor, pullRequest, tagRef } from './context.js';

describe('environmentTags', () => {
  it('tags staging builds staging-latest and staging-<sha7>', () => {
    expect(environmentTags('staging', contextFor())).toEqual(['staging-latest', 'staging-abc1234']);
  });

  it('tags production production-latest, prod-<sha7> and latest', () => {
    expect(environmentTags('production', contextFor())).toEqual([
      'production-latest',
      'prod-abc1234',
      'latest',
    ]);
  });

  it('adds vX.Y.Z, vX.Y and vX on a release tag', () => {
    expect(environmentTags('production', tagRef('v1.2.3'))).toEqual([
      'production-latest',
      'prod-abc1234',
      'latest',
      'v1.2.3',
      'v1.2',
      'v1',
    ]);
  });

  it('gives pre-releases neither latest nor the short version tags', () => {
    expect(environmentTags('production', tagRef('v2.0.0-rc.1'))).toEqual([
      'production-latest',
      'prod-abc1234',
      'v2.0.0-rc.1',
    ]);
  });

  it('uses the PR head SHA, not the merge commit, and adds pr-<n>', () => {
    expect(environmentTags('staging', pullRequest)).toEqual(['staging-latest', 'staging-fed9876', 'pr-42']);
    expect(environmentTags('none', pullRequest)).toEqual(['sha-fed9876', 'pr-42']);
  });
});

describe('versionOf', () => {
  it('is the release tag, pr-<n>, or <branch>-<sha7>', () => {
    expect(versionOf(tagRef('v1.2.3'))).toBe('v1.2.3');
    expect(versionOf(pullRequest)).toBe('pr-42');
    expect(versionOf(contextFor({ refName: 'feature/New UI' }))).toBe('feature-new-ui-abc1234');
  });
});

describe('expandTemplates', () => {
  it('fills placeholders and skips templates that do not apply', () => {
    expect(
      expandTemplates(['{{sha7}}', 'v-{{version}}', 'br-{{branch}}', 'pr-{{pr}}', 'edge'], contextFor()),
    ).toEqual({ tags: ['abc1234', 'v-main-abc1234', 'br-main', 'edge'], skipped: ['pr-{{pr}}'] });
    expect(expandTemplates(['pr-{{pr}}', '{{branch}}'], pullRequest).tags).toEqual([
      'pr-42',
      'feature-login',
    ]);
  });

  it('rejects templates that make invalid tags, naming the tags input', () => {
    expect(() => expandTemplates(['x'.repeat(129)], contextFor())).toThrow(/Input 'tags'.*at most 128/);
    expect(() => expandTemplates(['a b'], contextFor())).toThrow(/Input 'tags'/);
    expect(() => expandTemplates(['{{sha}}-{{sha}}-{{sha}}-{{sha}}'], contextFor())).toThrow(/128/);
    expect(() => expandTemplates(['{{commit}}'], contextFor())).toThrow(/placeholders/);
  });
});
