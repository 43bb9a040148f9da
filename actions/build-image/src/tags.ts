// Which tags an image gets: by environment, by release tag, by pull request, and from templates.
import type { GitHubContext } from '../../../lib/github-context.js';
import { InputError } from '../../../lib/inputs.js';
import { tagProblem } from '../../../lib/oci/reference.js';

export type Environment = 'staging' | 'production' | 'none';

const SEMVER = /^v(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

export interface Release {
  tag: string;
  major: string;
  minor: string;
  prerelease: boolean;
}

/** A `vX.Y.Z[-pre]` git tag, or undefined. */
export function releaseOf(context: GitHubContext): Release | undefined {
  if (context.refType !== 'tag') return undefined;
  const m = SEMVER.exec(context.refName);
  if (!m) return undefined;
  return {
    tag: context.refName.replace(/\+.*$/, ''),
    major: `v${m[1]}`,
    minor: `v${m[1]}.${m[2]}`,
    prerelease: Boolean(m[4]),
  };
}

export function sha7(context: GitHubContext): string {
  return context.commitSha.slice(0, 7);
}

/** A branch name made safe for a tag: `feature/Login` → `feature-login`. */
export function tagSafe(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128);
}

/** The version this build stands for: the release tag, `pr-<n>`, or `<branch>-<sha7>`. */
export function versionOf(context: GitHubContext): string {
  const release = releaseOf(context);
  if (release) return release.tag;
  if (context.pullRequest) return `pr-${context.pullRequest.number}`;
  const name = tagSafe(context.refName);
  return name ? `${name}-${sha7(context)}` : `sha-${sha7(context)}`;
}

export function environmentTags(environment: Environment, context: GitHubContext): string[] {
  const short = sha7(context);
  const release = releaseOf(context);
  const tags: string[] = [];
  if (environment === 'staging') tags.push('staging-latest', `staging-${short}`);
  if (environment === 'production') {
    tags.push('production-latest', `prod-${short}`);
    if (!release?.prerelease) tags.push('latest');
  }
  if (environment === 'none') tags.push(`sha-${short}`);
  if (release && environment !== 'staging') {
    tags.push(release.tag);
    if (!release.prerelease) tags.push(release.minor, release.major);
  }
  if (context.pullRequest) tags.push(`pr-${context.pullRequest.number}`);
  return tags;
}

const PLACEHOLDER = /\{\{\s*([a-z0-9]+)\s*\}\}/g;

function placeholderValues(context: GitHubContext): Record<string, string | undefined> {
  return {
    sha7: sha7(context),
    sha: context.commitSha,
    version: versionOf(context),
    branch: context.refType === 'branch' || context.refType === 'pull' ? tagSafe(context.refName) : undefined,
    pr: context.pullRequest ? String(context.pullRequest.number) : undefined,
  };
}

export interface ExpandedTemplates {
  tags: string[];
  /** Templates left out because a placeholder has no value here (e.g. `pr-{{pr}}` on a push). */
  skipped: string[];
}

/** Expands `tags` template lines; a template giving an invalid tag is an InputError. */
export function expandTemplates(templates: string[], context: GitHubContext): ExpandedTemplates {
  const values = placeholderValues(context);
  const result: ExpandedTemplates = { tags: [], skipped: [] };
  for (const template of templates) {
    let missing = false;
    const tag = template.replace(PLACEHOLDER, (_, name: string) => {
      if (!(name in values))
        throw new InputError(
          'tags',
          'placeholders {{sha7}}, {{sha}}, {{version}}, {{branch}} or {{pr}}',
          template,
        );
      const value = values[name];
      if (value === undefined) missing = true;
      return value ?? '';
    });
    if (missing) {
      result.skipped.push(template);
      continue;
    }
    const problem = tagProblem(tag);
    if (problem)
      throw new InputError('tags', `templates that give valid tags (${problem})`, `${template} → ${tag}`);
    result.tags.push(tag);
  }
  return result;
}

export function unique(tags: string[]): string[] {
  return [...new Set(tags)];
}
