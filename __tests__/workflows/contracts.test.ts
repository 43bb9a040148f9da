// The reusable workflows call shipyard's actions with the public input and output names of
// DESIGN.md ("Contracts"), and with the names in each action.yml once it is in the tree.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { readWorkflows } from '../../local/workflows/files.js';

const root = resolve(import.meta.dirname, '..', '..');

const contracts: Record<string, { inputs: string[]; outputs: string[] }> = {
  'health-check': {
    inputs: [
      'url',
      'timeout',
      'interval',
      'request-timeout',
      'expected-status',
      'body-contains',
      'json',
      'headers',
      'consecutive-successes',
    ],
    outputs: ['healthy', 'attempts', 'duration-ms', 'report'],
  },
  'deploy-do': {
    inputs: [
      'token',
      'app-id',
      'app-name',
      'spec',
      'images',
      'wait',
      'timeout',
      'force-build',
      'print-logs',
      'rollback-to',
      'api-url',
    ],
    outputs: ['app-id', 'deployment-id', 'previous-deployment-id', 'phase', 'live-url'],
  },
  'build-image': {
    inputs: [
      'image',
      'context',
      'file',
      'environment',
      'tags',
      'push',
      'builder',
      'username',
      'password',
      'promote-from',
    ],
    outputs: ['digest', 'image-ref', 'tags', 'version'],
  },
  sbom: {
    inputs: ['image', 'path', 'format', 'output-file', 'upload-artifact', 'dependency-snapshot'],
    outputs: ['sbom-file', 'component-count'],
  },
};

/** Names the actions' own action.yml files declare beyond DESIGN.md's contract. */
const extras: Record<string, string[]> = {
  'deploy-do': ['create'],
  sbom: ['registry-username', 'registry-password'],
};

/** An action's names from its action.yml when present, else the contract. */
function names(action: string): { inputs: string[]; outputs: string[] } {
  const manifest = join(root, 'actions', action, 'action.yml');
  if (!existsSync(manifest))
    return { ...contracts[action], inputs: [...contracts[action].inputs, ...(extras[action] ?? [])] };
  const { inputs = {}, outputs = {} } = parse(readFileSync(manifest, 'utf8'));
  return { inputs: Object.keys(inputs), outputs: Object.keys(outputs) };
}

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

const usages = readWorkflows(root).flatMap(({ path, text }) =>
  Object.entries<{ steps?: Step[] }>(parse(text).jobs).flatMap(([job, { steps = [] }]) => {
    const ids = new Map<string, string>();
    for (const step of steps) {
      const action = /(?:^|\/)actions\/([a-z-]+)(?:@|$)/.exec(step.uses ?? '')?.[1];
      if (action && step.id) ids.set(step.id, action);
    }
    const outputs = [...JSON.stringify(steps).matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)]
      .filter((m) => ids.has(m[1]))
      .map((m) => ({ action: ids.get(m[1])!, output: m[2] }));
    return steps
      .map((step) => ({ step, action: /(?:^|\/)actions\/([a-z-]+)(?:@|$)/.exec(step.uses ?? '')?.[1] }))
      .filter((s) => s.action && (contracts[s.action!] || existsSync(join(root, 'actions', s.action!))))
      .map(({ step, action }) => ({ where: `${path} job ${job}`, action: action!, step, outputs }));
  }),
);

describe("the workflows' calls of shipyard's actions", () => {
  it('exist for every action the pipeline runs', () => {
    expect(new Set(usages.map((u) => u.action))).toEqual(
      new Set(['build-image', 'sbom', 'deploy-do', 'health-check', 'configure-environments']),
    );
    expect(usages.flatMap((u) => u.outputs).map((o) => o.output)).toEqual(
      expect.arrayContaining(['image-ref', 'live-url', 'deployment-id', 'component-count']),
    );
  });

  it('pass only inputs the actions declare', () => {
    const unknown = usages.flatMap(({ where, action, step }) =>
      Object.keys(step.with ?? {})
        .filter((input) => !names(action).inputs.includes(input))
        .map((input) => `${where}: ${action} has no input ${input}`),
    );
    expect(unknown).toEqual([]);
  });

  it('read only outputs the actions declare', () => {
    const unknown = usages.flatMap(({ where, outputs }) =>
      outputs
        .filter(({ action, output }) => !names(action).outputs.includes(output))
        .map(({ action, output }) => `${where}: ${action} has no output ${output}`),
    );
    expect(unknown).toEqual([]);
  });
});

describe('docs/workflows.md', () => {
  const docs = readFileSync(join(root, 'docs', 'workflows.md'), 'utf8');
  for (const name of ['ci', 'pr-checks', 'deploy-staging', 'deploy-production', 'rollback', 'smoke'])
    it(`documents every input, secret and output of ${name}.yml`, () => {
      const call = parse(readFileSync(join(root, '.github', 'workflows', `${name}.yml`), 'utf8')).on
        .workflow_call;
      const section = docs.slice(docs.indexOf(`#### \`${name}.yml\``));
      for (const key of ['inputs', 'secrets', 'outputs'])
        for (const item of Object.keys(call[key] ?? {}))
          expect([name, section]).toEqual([name, expect.stringContaining(`\`${item}\``)]);
    });
});
