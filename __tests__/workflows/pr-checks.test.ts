// The inline steps of pr-checks.yml, run with bash as the runner runs them, against a stand-in
// `gh` that records its calls (and answers the comment list through real jq).
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '..', '..');
const workflow = parse(readFileSync(join(root, '.github', 'workflows', 'pr-checks.yml'), 'utf8'));
const sizeScript: string = workflow.jobs.size.steps[0].run;
const commentScript: string = workflow.jobs.coverage.steps.find((s: { name?: string }) =>
  s.name?.startsWith('Comment the coverage'),
).run;

const temp = mkdtempSync(join(tmpdir(), 'pr-checks-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const bin = join(temp, 'bin');
mkdirSync(bin);
writeFileSync(
  join(bin, 'gh'),
  `#!/usr/bin/env bash
printf '%s\\n--\\n' "$*" >> "$GH_LOG"
args=("$@")
for i in "\${!args[@]}"; do
  if [ "\${args[$i]}" = --jq ]; then jq -r "\${args[$((i + 1))]}" "$GH_COMMENTS"; fi
done
`,
);
chmodSync(join(bin, 'gh'), 0o755);

let runs = 0;
async function runStep(script: string, env: Record<string, string>, files: Record<string, string> = {}) {
  const dir = join(temp, `run-${++runs}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const paths = { GH_LOG: join(dir, 'gh.log'), GITHUB_STEP_SUMMARY: join(dir, 'summary.md') };
  for (const file of Object.values(paths)) writeFileSync(file, '');
  const child = spawn('bash', ['-e', '-c', script], {
    cwd: dir,
    env: { PATH: `${bin}:${process.env.PATH}`, GH_COMMENTS: join(dir, 'comments.json'), ...paths, ...env },
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  return { code, stdout, gh: readFileSync(paths.GH_LOG, 'utf8').split('\n--\n').filter(Boolean) };
}

describe('pr-checks size label', () => {
  const label = (changed: [number, number], thresholds = '10 50 200 800', current = ['bug', 'size/M']) =>
    runStep(
      sizeScript,
      {
        ADDITIONS: String(changed[0]),
        DELETIONS: String(changed[1]),
        PR_NUMBER: '7',
        REPOSITORY: 'acme/shop',
        THRESHOLDS: thresholds,
      },
      { 'comments.json': JSON.stringify(current.map((name) => ({ name }))) },
    );

  it.each([
    [[3, 2], 'XS'],
    [[40, 10], 'S'],
    [[150, 20], 'M'],
    [[700, 100], 'L'],
    [[900, 0], 'XL'],
  ] as [[number, number], string][])(
    'labels %j changed lines as %s and removes the size label it had before',
    async (changed, size) => {
      const { code, gh } = await label(changed);
      expect(code).toBe(0);
      const labels = 'repos/acme/shop/issues/7/labels';
      const removals = gh.filter((call) => call.startsWith('api --method DELETE'));
      expect(removals).toEqual(size === 'M' ? [] : [`api --method DELETE ${labels}/size%2FM`]);
      expect(gh.at(-1)).toBe(`api --method POST ${labels} -f labels[]=size/${size}`);
      expect(gh.some((call) => call.startsWith('pr edit'))).toBe(false);
    },
  );

  it('removes every stale size label and leaves the others alone', async () => {
    const { code, gh } = await label([3, 0], undefined, ['size/L', 'size/XL', 'size/XS', 'docs']);
    expect(code).toBe(0);
    expect(gh.filter((call) => call.includes('DELETE'))).toEqual([
      'api --method DELETE repos/acme/shop/issues/7/labels/size%2FL',
      'api --method DELETE repos/acme/shop/issues/7/labels/size%2FXL',
    ]);
  });

  it('refuses thresholds that are not four increasing numbers', async () => {
    const { code, stdout, gh } = await label([1, 1], '10 50 20 800');
    expect(code).toBe(1);
    expect(stdout).toMatch(/::error::Input 'size-thresholds': expected four increasing whole numbers/);
    expect(gh).toEqual([]);
  });
});

describe('pr-checks coverage comment', () => {
  const env = {
    PR_NUMBER: '7',
    REPOSITORY: 'acme/shop',
    HEAD_SHA: 'abcdef1234567',
    COVERAGE_FILE: 'summary.json',
  };
  const istanbul = JSON.stringify({ total: { lines: { pct: 87.456 } } });

  it('creates the comment when there is none', async () => {
    const comments = JSON.stringify([{ id: 1, body: 'Looks good' }]);
    const { code, gh } = await runStep(commentScript, env, {
      'summary.json': istanbul,
      'comments.json': comments,
    });
    expect(code).toBe(0);
    expect(gh[1]).toMatch(
      /^api --method POST repos\/acme\/shop\/issues\/7\/comments -f body=<!-- shipyard:coverage -->\n/,
    );
    expect(gh[1]).toContain('Coverage: 87.4% of lines');
  });

  it('updates its own comment in place instead of adding another', async () => {
    const comments = JSON.stringify([
      { id: 1, body: 'Looks good' },
      { id: 55, body: '<!-- shipyard:coverage -->\n### Coverage: 80% of lines' },
    ]);
    const python = JSON.stringify({ totals: { percent_covered: 91.23 } });
    const { code, gh } = await runStep(commentScript, env, {
      'summary.json': python,
      'comments.json': comments,
    });
    expect(code).toBe(0);
    expect(gh).toHaveLength(2);
    expect(gh[1]).toMatch(/^api --method PATCH repos\/acme\/shop\/issues\/comments\/55 -f body=/);
    expect(gh[1]).toContain('Coverage: 91.2% of lines');
  });

  it('says where the summary was expected when there is none', async () => {
    const { code, stdout, gh } = await runStep(commentScript, env);
    expect(code).toBe(1);
    expect(stdout).toMatch(/::error::No coverage summary at summary\.json/);
    expect(gh).toEqual([]);
  });
});
