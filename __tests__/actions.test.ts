// Every action: node24, main pointing at its bundle, and a README documenting each input.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '..');
const actions = readdirSync(join(root, 'actions')).filter((a) =>
  existsSync(join(root, 'actions', a, 'action.yml')),
);
const manifest = (name: string) => parse(readFileSync(join(root, 'actions', name, 'action.yml'), 'utf8'));

describe('action manifests', () => {
  it('all run on the same Node runtime, node24', () => {
    const runtimes = new Set(actions.map((a) => manifest(a).runs.using));
    expect([...runtimes]).toEqual(actions.length ? ['node24'] : []);
  });

  for (const name of actions)
    it(`${name} points main at its committed bundle`, () => {
      const { runs } = manifest(name);
      expect(runs.main).toBe(`../../dist/${name}/index.js`);
      expect(existsSync(join(root, 'actions', name, runs.main))).toBe(true);
    });

  for (const name of actions)
    it(`${name} documents every input and output in its README`, () => {
      const { inputs = {}, outputs = {} } = manifest(name);
      const readme = readFileSync(join(root, 'actions', name, 'README.md'), 'utf8');
      for (const key of [...Object.keys(inputs), ...Object.keys(outputs)])
        expect(readme).toContain(`\`${key}\``);
      for (const [key, input] of Object.entries<{ description?: string }>(inputs))
        expect([key, input.description]).toEqual([key, expect.any(String)]);
    });
});
