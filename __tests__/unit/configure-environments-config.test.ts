import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseConfig } from '../../actions/configure-environments/src/config.js';

const example = readFileSync(resolve(import.meta.dirname, '../../examples/.github/environments.yml'), 'utf8');
const parseOne = (yaml: string) => parseConfig(`environments:\n  production:\n${yaml}`, 'envs.yml')[0];

describe('environment protection file', () => {
  it('reads the example: staging from staging, production gated from main and v* tags', () => {
    const [staging, production] = parseConfig(example, '.github/environments.yml');
    expect(staging).toEqual({
      name: 'staging',
      reviewers: [],
      preventSelfReview: false,
      waitTimerMinutes: 0,
      deploymentRefs: [{ type: 'branch', name: 'staging' }],
    });
    expect(production).toEqual({
      name: 'production',
      reviewers: [
        { type: 'User', login: 'octocat' },
        { type: 'Team', org: undefined, slug: 'release-managers' },
      ],
      preventSelfReview: true,
      waitTimerMinutes: 5,
      deploymentRefs: [
        { type: 'branch', name: 'main' },
        { type: 'tag', name: 'v*' },
      ],
    });
  });

  it('takes wait timers as minutes or durations, and deployment refs as all or protected', () => {
    expect(parseOne('    wait-timer: 2h\n').waitTimerMinutes).toBe(120);
    expect(parseOne('    deployment-branches: protected\n').deploymentRefs).toBe('protected');
    expect(parseConfig('environments:\n  preview:\n', 'x').map((e) => e.deploymentRefs)).toEqual(['all']);
    expect(parseOne('    reviewers:\n      - team: acme/ops\n').reviewers).toEqual([
      { type: 'Team', org: 'acme', slug: 'ops' },
    ]);
  });

  it.each([
    ['    wait-timer: 90s\n', /environments\.production\.wait-timer: expected whole minutes/],
    ['    wait-timer: 50000\n', /wait-timer: expected whole minutes from 0 to 43200/],
    ['    reviewers:\n      - name: octocat\n', /reviewers\[0\]: expected `user: <login>`/],
    ['    reviewers:\n' + '      - user: u\n'.repeat(7), /reviewers: expected at most 6 reviewers, got 7/],
    ['    prevent-self-review: true\n', /prevent-self-review: expected reviewers to go with it/],
    ['    prevent-self-review: yes\n', /prevent-self-review: expected `true` or `false`, got "yes"/],
    [
      '    deployment-branches:\n      - ref: main\n',
      /deployment-branches\[0\]: expected `branch: <pattern>`/,
    ],
    ['    deployment-branches: []\n', /deployment-branches: expected `all`, `protected`, or a list/],
    ['    wait_timer: 5\n', /environments\.production\.wait_timer: expected one of the keys/],
  ])('names the key and what it expected: %j', (yaml, message) => {
    expect(() => parseOne(yaml)).toThrow(message);
  });

  it('refuses a file without environments, or with other top-level keys', () => {
    expect(() => parseConfig('production: {}\n', 'envs.yml')).toThrow(
      /envs\.yml: environments: expected a mapping/,
    );
    expect(() => parseConfig('environments: {a: {}}\nextra: 1\n', 'envs.yml')).toThrow(
      /extra: expected only/,
    );
    expect(() => parseConfig('environments: [', 'envs.yml')).toThrow(/YAML: expected valid YAML/);
  });
});
