import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_IMMUTABLE,
  ImmutableTagError,
  immutableMatcher,
  planTags,
} from '../../../actions/build-image/src/immutable.js';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;

describe('immutable tag patterns', () => {
  it('by default protect release versions and *-<sha> tags, not moving tags', () => {
    const isImmutable = immutableMatcher(DEFAULT_IMMUTABLE);
    for (const tag of ['v1.2.3', 'v1.2.3-rc.1', 'prod-abc1234', 'staging-abc1234def'])
      expect([tag, isImmutable(tag)]).toEqual([tag, true]);
    for (const tag of ['latest', 'staging-latest', 'production-latest', 'v1', 'v1.2', 'pr-42'])
      expect([tag, isImmutable(tag)]).toEqual([tag, false]);
  });

  it('accepts globs and rejects nonsense, naming the input', () => {
    expect(immutableMatcher(['release-*'])('release-7')).toBe(true);
    expect(() => immutableMatcher(['a/b'])).toThrow(/Input 'immutable-tags'/);
    expect(() => immutableMatcher(['{{sha7}}'])).toThrow(/Input 'immutable-tags'/);
  });
});

describe('planTags', () => {
  const registry: Record<string, string> = { 'v1.2.3': A, latest: A, 'prod-abc1234': B };
  const current = async (tag: string) => registry[tag];
  const isImmutable = immutableMatcher(DEFAULT_IMMUTABLE);

  it('marks tags new, moved or unchanged', async () => {
    expect(await planTags(['v1.2.3', 'latest', 'v9.9.9'], A, isImmutable, current)).toEqual([
      { tag: 'v1.2.3', state: 'unchanged', immutable: true, previous: A },
      { tag: 'latest', state: 'unchanged', immutable: false, previous: A },
      { tag: 'v9.9.9', state: 'new', immutable: true, previous: undefined },
    ]);
    expect((await planTags(['latest'], B, isImmutable, current))[0].state).toBe('moved');
  });

  it('refuses when an immutable tag points to another digest', async () => {
    await expect(planTags(['latest', 'v1.2.3'], B, isImmutable, current)).rejects.toThrow(ImmutableTagError);
    await expect(planTags(['v1.2.3'], B, isImmutable, current)).rejects.toThrow(
      /'v1.2.3' \(already sha256:a+\)/,
    );
  });
});
