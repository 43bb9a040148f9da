import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readerFor } from '../../../actions/sbom/src/lockfiles/index.js';
import { readNpmLock } from '../../../actions/sbom/src/lockfiles/npm.js';
import { LockfileError, type Package } from '../../../actions/sbom/src/model.js';
import { readLockfile, scanSource } from '../../../actions/sbom/src/scan.js';

const root = resolve(import.meta.dirname, '../../..');
const fixtures = join(root, '__tests__/fixtures/sbom');
const read = (rel: string) => readLockfile(join(fixtures, rel), rel);
const byName = (packages: Package[], name: string, version?: string) =>
  packages.find((p) => p.name === name && (!version || p.version === version))!;

describe('lockfile readers: exact component counts on the fixtures', () => {
  it.each([
    ['yarn-classic/yarn.lock', 7, 1],
    ['yarn-berry/yarn.lock', 7, 1],
    ['pnpm-v9/pnpm-lock.yaml', 7, 1],
    ['pnpm-v6/pnpm-lock.yaml', 7, 1],
    ['python/Pipfile.lock', 42, 41],
    ['python/requirements-test.txt', 13, 13],
    ['python/requirements-dev.txt', 1, 1],
    ['python/poetry.lock', 9, 4],
    ['python/uv.lock', 9, 4],
    ['go/go.mod', 4, 0],
    ['rust/Cargo.lock', 11, 0],
    ['ruby/Gemfile.lock', 9, 0],
    ['php/composer.lock', 3, 1],
  ])('%s has %i components, %i of them dev/test only', (file, count, optional) => {
    const result = read(file);
    expect(result.packages).toHaveLength(count);
    expect(new Set(result.packages.map((p) => p.purl)).size).toBe(count);
    expect(result.packages.filter((p) => p.scope === 'optional')).toHaveLength(optional);
  });

  it("this repository's package-lock.json: one component per distinct installed name@version", () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; link?: boolean; dev?: boolean }>;
    };
    const expected = new Set(
      Object.entries(lock.packages)
        .filter(([path, e]) => path.startsWith('node_modules/') && !e.link && e.version)
        .map(([path, e]) => `${path.split('node_modules/').pop()}@${e.version}`),
    );
    const result = scanSource(join(root, 'package-lock.json'));
    expect(result.packages.map((p) => `${p.name}@${p.version}`).sort()).toEqual([...expected].sort());
    const ajv = byName(result.packages, 'ajv', '8.20.0');
    expect(ajv.purl).toBe('pkg:npm/ajv@8.20.0');
    expect(ajv.scope).toBe('required');
    expect(ajv.license).toBe('MIT');
    expect(ajv.hashes[0].algorithm).toBe('SHA-512');
    expect(ajv.dependsOn).toEqual(expect.arrayContaining(['pkg:npm/fast-uri@3.1.9']));
    const jest = result.packages.find((p) => p.name === 'jest')!;
    expect(jest.scope).toBe('optional');
    expect(result.directDependencies).toEqual(expect.arrayContaining(['pkg:npm/ajv@8.20.0', jest.purl]));
  });
});

describe('npm lockfile details', () => {
  it('resolves nested node_modules the way Node does and reads v1 lockfiles', () => {
    const v3 = {
      lockfileVersion: 3,
      packages: {
        '': { name: 'app', dependencies: { a: '1', b: '1' } },
        'node_modules/a': { version: '1.0.0', dependencies: { b: '2' } },
        'node_modules/a/node_modules/b': { version: '2.0.0', integrity: 'sha1-qvs8xX5nq7xwYxvJmLxPdhvvgVE=' },
        'node_modules/b': { version: '1.0.0', dev: true, license: 'ISC' },
        'node_modules/@s/c': { version: '3.0.0', devOptional: true },
      },
    };
    const out = readNpmLock({
      file: 'package-lock.json',
      text: JSON.stringify(v3),
      readSibling: () => undefined,
    });
    expect(out.packages.map((p) => p.purl).sort()).toEqual([
      'pkg:npm/%40s/c@3.0.0',
      'pkg:npm/a@1.0.0',
      'pkg:npm/b@1.0.0',
      'pkg:npm/b@2.0.0',
    ]);
    expect(byName(out.packages, 'a').dependsOn).toEqual(['pkg:npm/b@2.0.0']);
    expect(byName(out.packages, 'b', '2.0.0').hashes).toEqual([
      { algorithm: 'SHA-1', content: 'aafb3cc57e67abbc70631bc998bc4f761bef8151' },
    ]);
    expect(byName(out.packages, 'b', '1.0.0').scope).toBe('optional');
    expect(byName(out.packages, '@s/c').scope).toBe('optional');
    const v1 = {
      lockfileVersion: 1,
      dependencies: {
        a: { version: '1.0.0', requires: { b: '^2' }, dependencies: { b: { version: '2.0.0' } } },
        b: { version: '1.0.0', dev: true },
      },
    };
    const old = readNpmLock({
      file: 'package-lock.json',
      text: JSON.stringify(v1),
      readSibling: () => undefined,
    });
    expect(old.packages.map((p) => p.purl).sort()).toEqual([
      'pkg:npm/a@1.0.0',
      'pkg:npm/b@1.0.0',
      'pkg:npm/b@2.0.0',
    ]);
    expect(byName(old.packages, 'a').dependsOn).toEqual(['pkg:npm/b@2.0.0']);
  });
});

describe('JavaScript lockfiles agree with each other', () => {
  it('yarn classic, yarn berry, pnpm v6 and v9 give the same purls, edges and dev marking', () => {
    const shape = (file: string) =>
      read(file)
        .packages.map((p) => `${p.purl} ${p.scope} -> ${[...p.dependsOn].sort().join(',')}`)
        .sort();
    const expected = shape('pnpm-v9/pnpm-lock.yaml');
    expect(expected).toContain(
      'pkg:npm/ajv@8.20.0 required -> pkg:npm/fast-deep-equal@3.1.3,pkg:npm/fast-uri@3.1.9,pkg:npm/json-schema-traverse@1.0.0,pkg:npm/require-from-string@2.0.2',
    );
    expect(expected).toContain('pkg:npm/yaml@2.9.1 optional -> ');
    expect(expected).toContain('pkg:npm/ajv-formats@3.0.1 required -> pkg:npm/ajv@8.20.0');
    expect(shape('pnpm-v6/pnpm-lock.yaml')).toEqual(expected);
    for (const file of [
      'pnpm-v9/pnpm-lock.yaml',
      'pnpm-v6/pnpm-lock.yaml',
      'yarn-classic/yarn.lock',
      'yarn-berry/yarn.lock',
    ])
      expect([file, read(file).directDependencies.sort()]).toEqual([
        file,
        ['pkg:npm/ajv-formats@3.0.1', 'pkg:npm/ajv@8.20.0', 'pkg:npm/yaml@2.9.1'],
      ]);
    expect(shape('yarn-classic/yarn.lock')).toEqual(expected);
    expect(shape('yarn-berry/yarn.lock')).toEqual(expected);
    const integrity = byName(read('yarn-classic/yarn.lock').packages, 'yaml').hashes;
    expect(integrity).toEqual(byName(read('pnpm-v9/pnpm-lock.yaml').packages, 'yaml').hashes);
    expect(integrity[0].content).toHaveLength(128);
  });
});

describe('other ecosystems', () => {
  it('Python: normalised names, hashes, dev groups, unpinned requirements reported', () => {
    const pip = read('python/Pipfile.lock');
    const pyasn1 = byName(pip.packages, 'pyasn1');
    expect(pyasn1.purl).toBe('pkg:pypi/pyasn1@0.4.4');
    expect(pyasn1.scope).toBe('required');
    expect(pyasn1.hashes).toHaveLength(2);
    const test = read('python/requirements-test.txt');
    expect(test.packages.filter((p) => p.name === 'pytest').map((p) => p.version)).toEqual([
      '4.6.11',
      '6.1.2',
      '6.2.5',
    ]);
    expect(byName(test.packages, 'pytest-cov').purl).toBe('pkg:pypi/pytest-cov@2.12.1');
    const dev = read('python/requirements-dev.txt');
    expect(dev.unpinned.map((u) => [u.line, u.text])).toEqual([
      [1, '-e .[socks]'],
      [2, 'pytest>=2.8.0,<9'],
      [3, 'pytest-cov'],
      [5, 'httpbin~=0.10.0'],
      [6, 'trustme'],
      [7, 'wheel'],
    ]);
    const poetry = read('python/poetry.lock');
    expect(byName(poetry.packages, 'charset-normalizer').purl).toBe('pkg:pypi/charset-normalizer@3.3.2');
    expect(byName(poetry.packages, 'requests').dependsOn.sort()).toEqual([
      'pkg:pypi/certifi@2024.8.30',
      'pkg:pypi/charset-normalizer@3.3.2',
      'pkg:pypi/idna@3.10',
      'pkg:pypi/urllib3@2.2.3',
    ]);
    expect(byName(poetry.packages, 'requests').hashes).toHaveLength(2);
    const uv = read('python/uv.lock');
    expect(byName(uv.packages, 'packaging').scope).toBe('optional');
    expect(byName(uv.packages, 'urllib3').scope).toBe('required');
    expect(uv.directDependencies.sort()).toEqual(['pkg:pypi/pytest@8.3.3', 'pkg:pypi/requests@2.32.3']);
  });

  it('Go, Rust, Ruby, PHP: purls, hashes and edges', () => {
    const go = read('go/go.mod');
    expect(go.packages.map((p) => p.purl)).toEqual([
      'pkg:golang/github.com/google/uuid@v1.6.0',
      'pkg:golang/golang.org/x/sync@v0.8.0',
      'pkg:golang/github.com/stretchr/testify@v1.9.0',
      'pkg:golang/gopkg.in/yaml.v3@v3.0.1',
    ]);
    expect(go.packages[0].hashes[0].algorithm).toBe('SHA-256');
    expect(go.directDependencies).toHaveLength(2);
    // a module replaced by a local directory is skipped without shifting the others' direct/indirect flags
    const replacedLocally = readLockfileText(
      'go.mod',
      'module x\n\nrequire (\n\texample.com/local v1.0.0\n\texample.com/dep v1.2.0 // indirect\n\texample.com/top v2.0.0\n)\n\nreplace example.com/local => ../local\n',
    );
    expect(replacedLocally.packages.map((p) => p.name)).toEqual(['example.com/dep', 'example.com/top']);
    expect(replacedLocally.directDependencies).toEqual(['pkg:golang/example.com/top@v2.0.0']);
    const cargo = read('rust/Cargo.lock');
    expect(byName(cargo.packages, 'serde_derive').dependsOn).toContain('pkg:cargo/syn@2.0.77');
    expect(byName(cargo.packages, 'serde_derive').dependsOn).not.toContain('pkg:cargo/syn@1.0.109');
    expect(cargo.directDependencies.sort()).toEqual([
      'pkg:cargo/serde@1.0.210',
      'pkg:cargo/serde_json@1.0.128',
    ]);
    const gems = read('ruby/Gemfile.lock');
    expect(byName(gems.packages, 'nokogiri').purl).toBe('pkg:gem/nokogiri@1.16.7?platform=x86_64-linux');
    expect(byName(gems.packages, 'rubocop').dependsOn).toHaveLength(4);
    expect(byName(gems.packages, 'rack').hashes).toHaveLength(1);
    const php = read('php/composer.lock');
    expect(byName(php.packages, 'monolog/monolog').purl).toBe('pkg:composer/monolog/monolog@3.7.0');
    expect(byName(php.packages, 'monolog/monolog').dependsOn).toEqual(['pkg:composer/psr/log@3.0.2']);
    expect(byName(php.packages, 'psr/log').hashes[0].algorithm).toBe('SHA-1');
    expect(byName(php.packages, 'phpunit/php-timer').license).toBe('BSD-3-Clause');
  });

  it('a folder scan finds lockfiles at any depth and lists unsupported ones', () => {
    const result = scanSource(join(fixtures, 'monorepo'));
    expect(result.sources.map((s) => s.file)).toEqual(['Gemfile.lock', 'packages/web/yarn.lock']);
    expect(result.unsupported).toEqual(['Podfile.lock']);
    expect(result.packages).toHaveLength(16);
    const all = scanSource(fixtures);
    expect(all.sources).toHaveLength(15);
    expect(all.packages).toHaveLength(98);
  });
});

describe('corrupt lockfiles name the file and line', () => {
  const cases: [string, string, number][] = [
    ['package-lock.json', '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": {,\n  }\n}', 4],
    ['yarn.lock', '# yarn lockfile v1\n\nleft-pad@^1.0.0:\n  version "1.3.0"\n  what is this line\n', 5],
    ['pnpm-lock.yaml', "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {\n", 4],
    ['poetry.lock', '[[package]]\nname = "a"\nversion = 1.0.0.0\n', 3],
    ['Cargo.lock', 'version = 3\n\n[[package]\nname = "a"\n', 3],
    ['go.mod', 'module x\n\nrequire (\n\tgithub.com/a/b\n)\n', 4],
    ['Gemfile.lock', 'GEM\n  specs:\n    rack 3.1.7\n', 3],
    ['requirements.txt', 'requests==2.32.3\n!!!\n', 2],
    ['composer.lock', '{"packages": [}', 1],
  ];
  it.each(cases)('%s', (name, text, line) => {
    const reader = () => readLockfileText(name, text);
    expect(reader).toThrow(LockfileError);
    try {
      reader();
    } catch (error) {
      expect((error as LockfileError).file).toBe(`app/${name}`);
      expect((error as LockfileError).line).toBe(line);
    }
  });
});

function readLockfileText(name: string, text: string) {
  return readerFor(name)!({ file: `app/${name}`, text, readSibling: () => undefined });
}
