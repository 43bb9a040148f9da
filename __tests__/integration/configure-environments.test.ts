// configure-environments against a local GitHub API whose every request and response is
// checked against GitHub's published OpenAPI description.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from '../../actions/configure-environments/src/main.js';
import { loadGitHubValidator, startFakeGitHub, type FakeGitHub } from '../../local/github-fake.js';
import type { OpenApiValidator } from '../../local/openapi.js';
import { recordingRunner } from '../../lib/runner.js';
import { runAction } from '../../local/run-action.js';

const root = resolve(import.meta.dirname, '..', '..');
const token = 'ghp_environments_admin_token_123';
let validator: OpenApiValidator;
let github: FakeGitHub;
let workspace: string;

beforeAll(() => {
  validator = loadGitHubValidator();
  workspace = mkdtempSync(join(tmpdir(), 'configure-environments-'));
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

beforeEach(async () => {
  await github?.close();
  github = await startFakeGitHub({
    validator,
    token,
    users: { octocat: 583231 },
    teams: { 'acme/release-managers': 42 },
  });
});
afterAll(() => github?.close());

const inputs = (extra: Record<string, string> = {}) => ({
  token,
  config: join(root, 'examples/.github/environments.yml'),
  'api-url': github.url,
  ...extra,
});

async function apply(extra: Record<string, string> = {}) {
  const runner = recordingRunner(inputs(extra));
  await run(runner, { GITHUB_REPOSITORY: 'acme/shop', GITHUB_WORKSPACE: workspace });
  return runner;
}

const writes = () => github.requests.filter((r) => r.method !== 'GET');

describe('configure-environments', () => {
  it('applies the example file with requests GitHub would accept', async () => {
    const runner = await apply();
    expect(runner.failed).toBeUndefined();
    expect(github.violations).toEqual([]);
    const production = github.environments.get('production')!;
    expect(production).toMatchObject({
      wait_timer: 5,
      prevent_self_review: true,
      reviewers: [
        { type: 'User', id: 583231 },
        { type: 'Team', id: 42 },
      ],
      deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
    });
    expect(production.policies.map((p) => `${p.type}:${p.name}`)).toEqual(['branch:main', 'tag:v*']);
    expect(github.environments.get('staging')!.policies.map((p) => p.name)).toEqual(['staging']);
    expect(runner.outputs.environments).toBe('staging,production,settings');
    expect(JSON.parse(runner.outputs.report)[1]).toEqual({
      name: 'production',
      added: [
        { type: 'branch', name: 'main' },
        { type: 'tag', name: 'v*' },
      ],
      removed: [],
    });
    expect(runner.summary.join('')).toContain(
      '| production | @octocat, team release-managers | no | 5 min |',
    );
    expect(runner.secrets).toContain(token);
  });

  it('is idempotent, and removes policies the file no longer lists', async () => {
    await apply();
    github.environments.get('production')!.policies.push({ id: 7, name: 'hotfix/*', type: 'branch' });
    github.requests.length = 0;
    const runner = await apply({ environments: 'production' });
    expect(github.violations).toEqual([]);
    expect(writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /repos/acme/shop/environments/production',
      'DELETE /repos/acme/shop/environments/production/deployment-branch-policies/7',
    ]);
    expect(JSON.parse(runner.outputs.report)).toEqual([
      { name: 'production', added: [], removed: [{ type: 'branch', name: 'hotfix/*' }] },
    ]);
  });

  it('reads every page of policies', async () => {
    await apply({ environments: 'staging' });
    const staging = github.environments.get('staging')!;
    for (let i = 0; i < 150; i++) staging.policies.push({ id: 5000 + i, name: `old-${i}`, type: 'branch' });
    const runner = await apply({ environments: 'staging' });
    expect(github.violations).toEqual([]);
    expect(JSON.parse(runner.outputs.report)[0].removed).toHaveLength(150);
    expect(staging.policies.map((p) => p.name)).toEqual(['staging']);
  });

  it('changes nothing when a reviewer does not exist', async () => {
    const config = join(workspace, 'typo.yml');
    writeFileSync(config, 'environments:\n  production:\n    reviewers:\n      - user: octocta\n');
    const runner = await apply({ config });
    expect(runner.failed).toMatch(
      /Reviewer user:octocta could not be resolved \(GET \/users\/octocta answered 404/,
    );
    expect(runner.failed).toMatch(/nothing was changed/);
    expect(writes()).toEqual([]);
  });

  it('changes nothing in a dry run', async () => {
    const runner = await apply({ 'dry-run': 'true' });
    expect(runner.failed).toBeUndefined();
    expect(writes()).toEqual([]);
    expect(runner.lines.join('\n')).toContain('Would add production policy tag:v*');
    expect(runner.summary.join('')).toContain('dry run, nothing changed');
  });

  it.each([
    [{ token: '' }, /Input 'token': expected a token/],
    [{ 'dry-run': 'maybe' }, /Input 'dry-run': expected `true` or `false`, got 'maybe'/],
    [{ repository: 'not a repo' }, /Input 'repository': expected `owner\/name`/],
    [
      { config: 'missing.yml' },
      /Input 'config': expected a readable environment protection file, got 'missing.yml'/,
    ],
    [
      { environments: 'qa' },
      /Input 'environments': expected names listed in .* \(staging, production, settings\), got 'qa'/,
    ],
    [{ 'api-url': 'ftp://x' }, /Input 'api-url': expected an http\(s\) URL/],
  ])('refuses bad input %j before any request', async (extra, message) => {
    const runner = await apply(extra);
    expect(runner.failed).toMatch(message);
    expect(github.requests).toEqual([]);
  });

  it('has a fake that refuses requests outside the description', async () => {
    const response = await fetch(`${github.url}/repos/acme/shop/environments/production`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'x-github-api-version': '2022-11-28' },
      body: JSON.stringify({ wait_timer: '5', reviewers: [{ type: 'Person', id: 1 }] }),
    });
    expect(response.status).toBe(422);
    expect(github.violations.join('\n')).toMatch(/wait_timer.*integer/);
    expect(github.violations.join('\n')).toMatch(/type.*must be one of "User", "Team"/);
    const list = await fetch(`${github.url}/repos/acme/shop/deployments?per_page=many`, {
      headers: { authorization: `Bearer ${token}`, 'x-github-api-version': '2022-11-28' },
    });
    expect(list.status).toBe(422);
    expect(github.violations.join('\n')).toMatch(
      /GET \/repos\/acme\/shop\/deployments\?per_page=many request: .*per_page/,
    );
  });

  it('runs as the runner runs its bundle, keeping the token out of the log', async () => {
    const result = await runAction('configure-environments', {
      inputs: { token, config: 'environments.yml', 'api-url': github.url },
      env: { GITHUB_REPOSITORY: 'acme/shop', GITHUB_WORKSPACE: join(root, 'examples/.github') },
      cwd: join(root, 'examples/.github'),
    });
    expect(result.code).toBe(0);
    expect(github.violations).toEqual([]);
    expect(result.outputs.environments).toBe('staging,production,settings');
    expect(result.stdout).toContain(`::add-mask::${token}`);
    expect(result.stdout.replace(`::add-mask::${token}`, '')).not.toContain(token);
    expect(result.summary).toContain('Environment protection applied: acme/shop');
    expect(github.environments.get('settings')!.policies.map((p) => p.name)).toEqual(['main']);

    const bad = await runAction('configure-environments', {
      inputs: { token, config: 'labeler.yml', 'api-url': github.url },
      env: { GITHUB_REPOSITORY: 'acme/shop', GITHUB_WORKSPACE: join(root, 'examples/.github') },
    });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/::error::labeler\.yml: environments: expected a mapping/);
  });
});
