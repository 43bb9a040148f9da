// The workflow rules hold for every shipped workflow, and each rule catches its violation.
import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { readWorkflows } from '../../local/workflows/files.js';
import { checkRules, formatFinding, type RuleName, type WorkflowFile } from '../../local/workflows/rules.js';

const root = resolve(import.meta.dirname, '..', '..');
const checkout = 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1';

/** A reusable deploy workflow that follows every rule; the tests below break one rule each. */
const goodDeploy = `
on:
  workflow_call:
    inputs:
      environment:
        description: where
        type: string
        default: staging
    secrets:
      DIGITALOCEAN_TOKEN:
        description: token
        required: false
    outputs:
      live-url:
        description: url
        value: \${{ jobs.deploy.outputs.live-url }}
permissions: {}
jobs:
  deploy:
    runs-on: ubuntu-24.04
    timeout-minutes: 30
    permissions:
      contents: read
      packages: write
    environment:
      name: \${{ inputs.environment }}
      url: \${{ steps.deploy.outputs.live-url }}
    concurrency:
      group: shipyard-deploy-\${{ github.repository }}-\${{ inputs.environment }}
      cancel-in-progress: false
    outputs:
      live-url: \${{ steps.deploy.outputs.live-url }}
    steps:
      - uses: ${checkout}
      - id: build
        uses: ./.shipyard/actions/build-image
        with:
          push: true
      - id: deploy
        uses: ./.shipyard/actions/deploy-do
        with:
          token: \${{ secrets.DIGITALOCEAN_TOKEN }}
      - env:
          URL: \${{ steps.deploy.outputs.live-url }}
        run: echo "$URL"
`;

const goodCaller = `
on: push
permissions: {}
jobs:
  call:
    uses: ./.github/workflows/deploy.yml
    permissions:
      contents: read
      packages: write
    secrets: inherit
`;

function findings(files: Record<string, string>) {
  return checkRules(Object.entries(files).map(([path, text]): WorkflowFile => ({ path, text })));
}

function rulesBroken(deploy: string, caller = goodCaller): RuleName[] {
  return findings({
    '.github/workflows/deploy.yml': deploy,
    '.github/workflows/caller.yml': caller,
  }).map((f) => f.rule);
}

describe('workflow rules', () => {
  it('hold for every workflow of this repository and every example', () => {
    const files = readWorkflows(root);
    expect(files.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/pr-checks.yml',
        '.github/workflows/deploy-staging.yml',
        '.github/workflows/deploy-production.yml',
        '.github/workflows/rollback.yml',
        '.github/workflows/smoke.yml',
        '.github/workflows/self-test.yml',
        'examples/.github/workflows/staging.yml',
        'examples/.github/workflows/production.yml',
        'examples/.github/workflows/rollback.yml',
      ]),
    );
    expect(checkRules(files).map(formatFinding)).toEqual([]);
  });

  it('accept the compliant sample', () => {
    expect(rulesBroken(goodDeploy)).toEqual([]);
  });

  it('require permissions on every job and refuse write-all', () => {
    const none = goodDeploy.replace('permissions: {}\n', '').replace(/ {4}permissions:\n( {6}.*\n)+/, '');
    expect(rulesBroken(none)).toContain('permissions');
    expect(rulesBroken(goodDeploy.replace('permissions: {}', 'permissions: write-all'))).toEqual([]);
    const jobWriteAll = goodDeploy.replace(/ {4}permissions:\n( {6}.*\n)+/, '    permissions: write-all\n');
    expect(rulesBroken(jobWriteAll)).toContain('permissions');
  });

  it('refuse a write scope nothing in the job needs', () => {
    const extra = goodDeploy.replace(
      '      packages: write\n',
      '      packages: write\n      contents: write\n',
    );
    expect(rulesBroken(extra)).toEqual(expect.arrayContaining(['permissions']));
    const noPush = goodDeploy.replace('          push: true\n', '          push: false\n');
    expect(rulesBroken(noPush)).toContain('permissions');
  });

  it('make a caller grant exactly what the called workflow needs', () => {
    expect(rulesBroken(goodDeploy, goodCaller.replace('      packages: write\n', ''))).toContain(
      'permissions',
    );
    const more = goodCaller.replace(
      '      packages: write\n',
      '      packages: write\n      issues: write\n',
    );
    expect(rulesBroken(goodDeploy, more)).toContain('permissions');
  });

  it('require timeout-minutes', () => {
    expect(rulesBroken(goodDeploy.replace('    timeout-minutes: 30\n', ''))).toEqual(['timeout']);
  });

  it('require environment with url on deploy jobs', () => {
    const noUrl = goodDeploy.replace('      url: ${{ steps.deploy.outputs.live-url }}\n', '');
    expect(rulesBroken(noUrl)).toEqual(['deploy-environment']);
    const noEnvironment = goodDeploy.replace(/^ {4}environment:\n( {6}.*\n){2}/m, '');
    expect(rulesBroken(noEnvironment)).toEqual(expect.arrayContaining(['deploy-environment', 'secrets']));
  });

  it('require the per-environment concurrency group, never cancelled in progress', () => {
    const shared = goodDeploy.replace('-${{ inputs.environment }}\n', '\n');
    expect(rulesBroken(shared)).toEqual(['deploy-concurrency']);
    const cancelling = goodDeploy.replace('cancel-in-progress: false', 'cancel-in-progress: true');
    expect(rulesBroken(cancelling)).toEqual(['deploy-concurrency']);
    const defaulted = goodDeploy.replace('      cancel-in-progress: false\n', '');
    expect(rulesBroken(defaulted)).toEqual(['deploy-concurrency']);
    const workflowLevel = goodDeploy.replace(
      'permissions: {}\n',
      'permissions: {}\nconcurrency:\n  group: x\n  cancel-in-progress: true\n',
    );
    expect(rulesBroken(workflowLevel)).toEqual(['deploy-concurrency']);
  });

  it('require verified SHA pins with the version in a comment', () => {
    const byTag = goodDeploy.replace(checkout, 'actions/checkout@v7');
    expect(rulesBroken(byTag)).toEqual(['pinned-actions']);
    const noComment = goodDeploy.replace(' # v7.0.1', '');
    expect(rulesBroken(noComment)).toEqual(['pinned-actions']);
    const wrongVersion = goodDeploy.replace('# v7.0.1', '# v6.0.0');
    expect(rulesBroken(wrongVersion)).toEqual(['pinned-actions']);
    const unknownSha = goodDeploy.replace('3d3c42e5aac5ba805825da76410c181273ba90b1', 'a'.repeat(40));
    expect(rulesBroken(unknownSha)).toEqual(['pinned-actions']);
    const flow = goodDeploy.replace(`- uses: ${checkout}`, `- { uses: 'actions/checkout@v7' }`);
    expect(rulesBroken(flow)).toEqual(['pinned-actions']);
    const [finding] = findings({ '.github/workflows/deploy.yml': byTag });
    expect(finding.line).toBe(goodDeploy.split('\n').findIndex((l) => l.includes('actions/checkout@')) + 1);
  });

  it('require the pinned version of what a pinned action downloads and runs', () => {
    const scan = (extra: string) =>
      goodDeploy.replace(
        `      - uses: ${checkout}\n`,
        `      - uses: ${checkout}\n      - uses: trufflesecurity/trufflehog@bcfcf73aaf4759d4dadc2783177c245a02792318 # v3.97.0\n        with:\n          extra_args: --results=verified\n${extra}`,
      );
    expect(rulesBroken(scan('          version: 3.97.0\n'))).toEqual([]);
    expect(rulesBroken(scan(''))).toEqual(['pinned-actions']);
    expect(rulesBroken(scan('          version: latest\n'))).toEqual(['pinned-actions']);
  });

  it('refuse expressions inside run:', () => {
    const untrusted = goodDeploy.replace(
      'run: echo "$URL"',
      'run: echo "${{ github.event.head_commit.message }}"',
    );
    expect(rulesBroken(untrusted)).toEqual(['run-expressions']);
    const block = goodDeploy.replace(
      'run: echo "$URL"',
      'run: |\n          echo ok\n          echo ${{ inputs.environment }}',
    );
    expect(rulesBroken(block)).toEqual(['run-expressions']);
    const braces = goodDeploy.replace(
      'run: echo "$URL"',
      'run: echo "${{ format(\'{0}\', github.event.head_commit.message) }}"',
    );
    expect(rulesBroken(braces)).toEqual(['run-expressions']);
  });

  it('keep secrets in environment jobs, and out of workflows that deploy nothing', () => {
    const lint = `
on:
  workflow_call:
    secrets:
      NPM_TOKEN:
        description: token
permissions: {}
jobs:
  lint:
    runs-on: ubuntu-24.04
    timeout-minutes: 5
    permissions:
      contents: read
    steps:
      - env:
          TOKEN: \${{ secrets.NPM_TOKEN }}
        run: npm publish
`;
    expect(findings({ '.github/workflows/lint.yml': lint }).map((f) => f.rule)).toEqual([
      'secrets',
      'secrets',
    ]);
    const githubToken = lint
      .replace(/ {4}secrets:\n( {6}.*\n){2}/, '')
      .replace('secrets.NPM_TOKEN', 'secrets.GITHUB_TOKEN');
    expect(findings({ '.github/workflows/lint.yml': githubToken })).toEqual([]);
    const caller = goodCaller.replace('./.github/workflows/deploy.yml', './.github/workflows/lint.yml');
    const passing = findings({
      '.github/workflows/lint.yml': githubToken,
      '.github/workflows/caller.yml': caller.replace('      packages: write\n', ''),
    });
    expect(passing.map((f) => f.rule)).toEqual(['secrets']);
  });

  it('require typed, described, defaulted reusable inputs and described outputs', () => {
    expect(rulesBroken(goodDeploy.replace('        default: staging\n', ''))).toEqual(['reusable-interface']);
    expect(rulesBroken(goodDeploy.replace('        description: where\n', ''))).toEqual([
      'reusable-interface',
    ]);
    expect(rulesBroken(goodDeploy.replace('        description: url\n', ''))).toEqual(['reusable-interface']);
  });

  it('report YAML that does not parse', () => {
    expect(findings({ '.github/workflows/x.yml': 'jobs: [' }).map((f) => f.rule)).toEqual(['yaml']);
  });
});
