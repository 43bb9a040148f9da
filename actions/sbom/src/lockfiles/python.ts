// Python: requirements*.txt (pinned lines), poetry.lock, uv.lock, Pipfile.lock.
import {
  hashFromPrefixed,
  LockfileError,
  markDevOnly,
  parseJsonFile,
  type Hash,
  type Package,
  type UnpinnedRequirement,
} from '../model.js';
import { normalizePypiName, pypiPurl } from '../purl.js';
import { parseTomlFile, type TomlTable } from './toml.js';
import { result, type LockfileReader } from './types.js';

function pypiPackage(file: string, name: string, version: string, hashes: Hash[], dev: boolean): Package {
  return {
    ecosystem: 'pypi',
    name: normalizePypiName(name),
    version,
    purl: pypiPurl(name, version),
    hashes,
    dependsOn: [],
    scope: dev ? 'optional' : 'required',
    foundIn: file,
  };
}

function uniqueHashes(hashes: (Hash | undefined)[]): Hash[] {
  const seen = new Set<string>();
  return hashes.filter((h): h is Hash => {
    if (!h || seen.has(h.content)) return false;
    seen.add(h.content);
    return true;
  });
}

export function isDevRequirementsFile(file: string): boolean {
  const base = file.split('/').pop()!.toLowerCase();
  return /(^|[-_.])(dev|test|tests|testing|lint|docs|ci)([-_.]|$)/.test(base.replace(/\.txt$/, ''));
}

const NAME = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?/;

export const readRequirements: LockfileReader = ({ file, text }) => {
  const packages: Package[] = [];
  const unpinned: UnpinnedRequirement[] = [];
  const dev = isDevRequirementsFile(file);
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const startLine = i + 1;
    let logical = lines[i];
    while (/\\\s*$/.test(logical) && i + 1 < lines.length)
      logical = logical.replace(/\\\s*$/, ' ') + lines[++i];
    const withoutComment = logical.replace(/(^|\s)#.*$/, '').trim();
    if (!withoutComment) continue;
    if (withoutComment.startsWith('-')) {
      // options (-r, -c, --index-url, -e): an editable or URL install is not a pinned package
      if (/^(-e|--editable)\b/.test(withoutComment))
        unpinned.push({ file, line: startLine, text: withoutComment });
      continue;
    }
    const hashes = [...withoutComment.matchAll(/--hash[=\s]+(\S+)/g)].map((m) => hashFromPrefixed(m[1]));
    const requirement = withoutComment.replace(/--hash[=\s]+\S+/g, '').trim();
    const spec = requirement.split(';')[0].trim();
    const name = NAME.exec(spec);
    if (!name) {
      if (/^[a-z+]+:\/\//i.test(spec) || spec.startsWith('.') || spec.startsWith('/'))
        unpinned.push({ file, line: startLine, text: requirement });
      else throw new LockfileError(file, startLine, `not a requirement: '${requirement}'`);
      continue;
    }
    const rest = spec.slice(name[0].length).trim();
    const pinned = /^===?\s*([A-Za-z0-9][A-Za-z0-9.+!_-]*)$/.exec(rest);
    if (pinned && !pinned[1].includes('*'))
      packages.push(pypiPackage(file, name[1], pinned[1], uniqueHashes(hashes), dev));
    else if (rest === '' || /^(~=|>=|<=|!=|==|===|>|<|@)/.test(rest) || rest.startsWith(','))
      unpinned.push({ file, line: startLine, text: requirement });
    else throw new LockfileError(file, startLine, `not a requirement: '${requirement}'`);
  }
  return result(file, 'requirements', {
    packages,
    unpinned,
    directDependencies: packages.map((p) => p.purl),
  });
};

function packageTables(file: string, doc: TomlTable): TomlTable[] {
  const list = doc.package ?? [];
  if (!Array.isArray(list)) throw new LockfileError(file, undefined, "'package' is not an array of tables");
  return list as TomlTable[];
}

function depNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((d) => normalizePypiName(String((d as TomlTable).name ?? d)));
  if (value && typeof value === 'object') return Object.keys(value).map(normalizePypiName);
  return [];
}

export const readPoetryLock: LockfileReader = ({ file, text }) => {
  const doc = parseTomlFile(file, text);
  const tables = packageTables(file, doc);
  const purlByName = new Map(
    tables.map((t) => [normalizePypiName(String(t.name)), pypiPurl(String(t.name), String(t.version))]),
  );
  const packages = tables.map((t) => {
    if (typeof t.name !== 'string' || typeof t.version !== 'string')
      throw new LockfileError(file, undefined, `a [[package]] has no name or version`);
    const groups = Array.isArray(t.groups) ? t.groups.map(String) : undefined;
    const dev = t.category === 'dev' || (groups !== undefined && !groups.includes('main'));
    const files = Array.isArray(t.files) ? (t.files as TomlTable[]) : [];
    const pkg = pypiPackage(
      file,
      t.name,
      t.version,
      uniqueHashes(files.map((f) => hashFromPrefixed(String(f.hash)))),
      dev,
    );
    pkg.dependsOn = depNames(t.dependencies)
      .map((n) => purlByName.get(n))
      .filter((p): p is string => !!p);
    return pkg;
  });
  return result(file, 'poetry', { packages });
};

export const readUvLock: LockfileReader = ({ file, text }) => {
  const doc = parseTomlFile(file, text);
  const tables = packageTables(file, doc);
  const isProject = (t: TomlTable) => {
    const source = t.source as TomlTable | undefined;
    return !!source && ('editable' in source || 'virtual' in source);
  };
  const purlByName = new Map(
    tables
      .filter((t) => !isProject(t))
      .map((t) => [normalizePypiName(String(t.name)), pypiPurl(String(t.name), String(t.version))]),
  );
  const edges = (value: unknown) =>
    depNames(value)
      .map((n) => purlByName.get(n))
      .filter((p): p is string => !!p);
  const packages: Package[] = [];
  const prod: string[] = [];
  const dev: string[] = [];
  for (const t of tables) {
    if (typeof t.name !== 'string') throw new LockfileError(file, undefined, `a [[package]] has no name`);
    const optional = Object.values((t['optional-dependencies'] as TomlTable) ?? {}).flatMap(edges);
    if (isProject(t)) {
      prod.push(...edges(t.dependencies), ...optional);
      dev.push(...Object.values((t['dev-dependencies'] as TomlTable) ?? {}).flatMap(edges));
      continue;
    }
    if (typeof t.version !== 'string')
      throw new LockfileError(file, undefined, `package '${t.name}' has no version`);
    const dists = [t.sdist, ...(Array.isArray(t.wheels) ? t.wheels : [])] as (TomlTable | undefined)[];
    const pkg = pypiPackage(
      file,
      t.name,
      t.version,
      uniqueHashes(dists.map((d) => d && hashFromPrefixed(String(d.hash)))),
      false,
    );
    pkg.dependsOn = [...edges(t.dependencies), ...optional];
    packages.push(pkg);
  }
  markDevOnly(packages, prod, dev);
  return result(file, 'uv', { packages, directDependencies: [...new Set([...prod, ...dev])] });
};

interface PipfileEntry {
  version?: string;
  hashes?: string[];
}

export const readPipfileLock: LockfileReader = ({ file, text }) => {
  const lock = parseJsonFile(file, text) as {
    default?: Record<string, PipfileEntry>;
    develop?: Record<string, PipfileEntry>;
  };
  if (!lock || typeof lock !== 'object' || !('_meta' in lock))
    throw new LockfileError(file, 1, 'not a Pipfile.lock (no _meta)');
  const packages: Package[] = [];
  const unpinned: UnpinnedRequirement[] = [];
  const add = (section: Record<string, PipfileEntry> | undefined, dev: boolean) => {
    for (const [name, entry] of Object.entries(section ?? {})) {
      const version = /^===?(.+)$/.exec(entry.version ?? '')?.[1];
      if (!version) {
        unpinned.push({ file, line: 0, text: `${name} ${JSON.stringify(entry)}` });
        continue;
      }
      packages.push(
        pypiPackage(file, name, version, uniqueHashes((entry.hashes ?? []).map(hashFromPrefixed)), dev),
      );
    }
  };
  add(lock.default, false);
  add(lock.develop, true);
  return result(file, 'pipenv', { packages, unpinned, directDependencies: packages.map((p) => p.purl) });
};
