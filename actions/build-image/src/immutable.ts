// Immutable tags: patterns naming tags that, once pushed, must never point elsewhere.
// `semver` means a full release version (v1.2.3, v1.2.3-rc.1); `{{sha}}` means 7-40 hex digits;
// `*` and `?` are globs. Moving tags such as `latest` or `v1` match none of the defaults.
import { InputError } from '../../../lib/inputs.js';

export const DEFAULT_IMMUTABLE = ['semver', '*-{{sha}}'];

const SEMVER_SOURCE = 'v?\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?';

export function compilePattern(pattern: string): RegExp {
  if (pattern === 'semver') return new RegExp(`^${SEMVER_SOURCE}$`);
  if (!/^[A-Za-z0-9_.*?{}-]+$/.test(pattern))
    throw new InputError('immutable-tags', '`semver` or tag globs using `*`, `?` and `{{sha}}`', pattern);
  const source = pattern
    .split(/(\{\{sha\}\}|\*|\?)/)
    .map((part) => {
      if (part === '{{sha}}') return '[0-9a-f]{7,40}';
      if (part === '*') return '.*';
      if (part === '?') return '.';
      if (/[{}]/.test(part))
        throw new InputError('immutable-tags', 'only the `{{sha}}` placeholder in patterns', pattern);
      return part.replace(/[.]/g, '\\.');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

export function immutableMatcher(patterns: string[]): (tag: string) => boolean {
  const compiled = patterns.map(compilePattern);
  return (tag) => compiled.some((re) => re.test(tag));
}

export type TagState = 'new' | 'moved' | 'unchanged';

export interface TagPlan {
  tag: string;
  state: TagState;
  immutable: boolean;
  /** The digest the tag pointed to before. */
  previous?: string;
}

export class ImmutableTagError extends Error {
  constructor(
    readonly conflicts: TagPlan[],
    /** The image was already uploaded untagged (docker buildx pushes while it builds). */
    readonly uploadedUntagged = false,
  ) {
    const outcome = uploadedUntagged
      ? 'No tag was changed (docker buildx had already pushed the new image by digest, untagged).'
      : 'Nothing was pushed.';
    super(
      `Refusing to push: immutable tag${conflicts.length > 1 ? 's' : ''} ${conflicts
        .map((c) => `'${c.tag}' (already ${c.previous})`)
        .join(', ')} would point to a different image. ${outcome}`,
    );
    this.name = 'ImmutableTagError';
  }
}

/** Decides each tag's fate; throws ImmutableTagError before anything is pushed. */
export async function planTags(
  tags: string[],
  digest: string,
  isImmutable: (tag: string) => boolean,
  current: (tag: string) => Promise<string | undefined>,
  uploadedUntagged = false,
): Promise<TagPlan[]> {
  const plans = await Promise.all(
    tags.map(async (tag): Promise<TagPlan> => {
      const previous = await current(tag);
      const state: TagState = previous === undefined ? 'new' : previous === digest ? 'unchanged' : 'moved';
      return { tag, state, immutable: isImmutable(tag), previous };
    }),
  );
  const conflicts = plans.filter((p) => p.immutable && p.state === 'moved');
  if (conflicts.length) throw new ImmutableTagError(conflicts, uploadedUntagged);
  return plans;
}
