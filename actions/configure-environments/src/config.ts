// The environment protection file (`.github/environments.yml`): which environments exist,
// who must approve, how long to wait, and which branches and tags may deploy.
import { parse } from 'yaml';
import { parseDuration } from '../../../lib/duration.js';

export type Reviewer = { type: 'User'; login: string } | { type: 'Team'; org?: string; slug: string };
export interface RefRule {
  type: 'branch' | 'tag';
  name: string;
}
/** `all`: any branch may deploy; `protected`: only protected branches; else these patterns. */
export type DeploymentRefs = 'all' | 'protected' | RefRule[];

export interface EnvironmentSpec {
  name: string;
  reviewers: Reviewer[];
  preventSelfReview: boolean;
  waitTimerMinutes: number;
  deploymentRefs: DeploymentRefs;
}

export class ConfigError extends Error {
  constructor(file: string, at: string, expected: string, got?: unknown) {
    const shown = got === undefined ? '' : `, got ${JSON.stringify(got)}`;
    super(`${file}: ${at}: expected ${expected}${shown}.`);
    this.name = 'ConfigError';
  }
}

const MAX_REVIEWERS = 6; // GitHub's limit per environment
const MAX_WAIT_MINUTES = 43_200; // 30 days
const KEYS = ['reviewers', 'prevent-self-review', 'wait-timer', 'deployment-branches'];

type Mapping = Record<string, unknown>;
const isMapping = (v: unknown): v is Mapping => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseConfig(text: string, file: string): EnvironmentSpec[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new ConfigError(file, 'YAML', 'valid YAML', (error as Error).message.split('\n')[0]);
  }
  if (!isMapping(doc) || !isMapping(doc.environments) || Object.keys(doc.environments).length === 0)
    throw new ConfigError(file, 'environments', 'a mapping of environment names to their protection');
  for (const key of Object.keys(doc))
    if (key !== 'environments') throw new ConfigError(file, key, 'only the key `environments`');
  return Object.entries(doc.environments).map(([name, value]) => readEnvironment(file, name, value ?? {}));
}

function readEnvironment(file: string, name: string, value: unknown): EnvironmentSpec {
  const at = `environments.${name}`;
  if (!/^[^/\\:*?"<>|]{1,255}$/.test(name)) throw new ConfigError(file, at, 'a valid environment name', name);
  if (!isMapping(value)) throw new ConfigError(file, at, 'a mapping', value);
  for (const key of Object.keys(value))
    if (!KEYS.includes(key))
      throw new ConfigError(file, `${at}.${key}`, `one of the keys ${KEYS.join(', ')}`);
  const reviewers = readReviewers(file, `${at}.reviewers`, value.reviewers ?? []);
  const preventSelfReview = value['prevent-self-review'] ?? false;
  if (typeof preventSelfReview !== 'boolean')
    throw new ConfigError(file, `${at}.prevent-self-review`, '`true` or `false`', preventSelfReview);
  if (preventSelfReview && reviewers.length === 0)
    throw new ConfigError(file, `${at}.prevent-self-review`, 'reviewers to go with it (none are listed)');
  return {
    name,
    reviewers,
    preventSelfReview,
    waitTimerMinutes: readWaitTimer(file, `${at}.wait-timer`, value['wait-timer'] ?? 0),
    deploymentRefs: readRefs(file, `${at}.deployment-branches`, value['deployment-branches'] ?? 'all'),
  };
}

function readReviewers(file: string, at: string, value: unknown): Reviewer[] {
  if (!Array.isArray(value))
    throw new ConfigError(file, at, 'a list of `user: <login>` or `team: <slug>`', value);
  if (value.length > MAX_REVIEWERS)
    throw new ConfigError(file, at, `at most ${MAX_REVIEWERS} reviewers`, value.length);
  return value.map((entry, i): Reviewer => {
    const keys = isMapping(entry) ? Object.keys(entry) : [];
    const login = isMapping(entry) ? entry[keys[0]] : undefined;
    if (keys.length !== 1 || typeof login !== 'string' || !login)
      throw new ConfigError(
        file,
        `${at}[${i}]`,
        '`user: <login>` or `team: <slug>` (or `team: <org>/<slug>`)',
        entry,
      );
    if (keys[0] === 'user' && /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(login))
      return { type: 'User', login };
    const team = /^(?:([A-Za-z0-9-]+)\/)?([A-Za-z0-9_.-]+)$/.exec(login);
    if (keys[0] === 'team' && team) return { type: 'Team', org: team[1], slug: team[2] };
    throw new ConfigError(
      file,
      `${at}[${i}]`,
      '`user: <login>` or `team: <slug>` (or `team: <org>/<slug>`)',
      entry,
    );
  });
}

function readWaitTimer(file: string, at: string, value: unknown): number {
  const expected = `whole minutes from 0 to ${MAX_WAIT_MINUTES} (a number, or a duration such as \`30m\`, \`2h\`)`;
  let minutes: number | undefined;
  if (typeof value === 'number') minutes = value;
  else if (typeof value === 'string') {
    const ms = parseDuration(value);
    minutes = ms === undefined ? undefined : ms / 60_000;
  }
  if (minutes === undefined || !Number.isInteger(minutes) || minutes < 0 || minutes > MAX_WAIT_MINUTES)
    throw new ConfigError(file, at, expected, value);
  return minutes;
}

function readRefs(file: string, at: string, value: unknown): DeploymentRefs {
  if (value === 'all' || value === 'protected') return value;
  const expected = '`all`, `protected`, or a list of `branch: <pattern>` / `tag: <pattern>`';
  if (!Array.isArray(value) || value.length === 0) throw new ConfigError(file, at, expected, value);
  return value.map((entry, i): RefRule => {
    const keys = isMapping(entry) ? Object.keys(entry) : [];
    const name = isMapping(entry) ? entry[keys[0]] : undefined;
    if (keys.length === 1 && (keys[0] === 'branch' || keys[0] === 'tag') && typeof name === 'string' && name)
      return { type: keys[0], name };
    throw new ConfigError(file, `${at}[${i}]`, '`branch: <pattern>` or `tag: <pattern>`', entry);
  });
}

export const describeReviewer = (r: Reviewer) =>
  r.type === 'User' ? `@${r.login}` : `team ${r.org ? `${r.org}/` : ''}${r.slug}`;

export const describeRefs = (refs: DeploymentRefs) =>
  typeof refs === 'string'
    ? refs === 'all'
      ? 'any branch'
      : 'protected branches'
    : refs.map((r) => `${r.type} \`${r.name}\``).join(', ');
