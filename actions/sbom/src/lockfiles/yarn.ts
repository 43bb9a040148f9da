// yarn.lock: classic (v1, its own indented format) and berry (v2+, YAML).
import { hashesFromIntegrity, LockfileError, markDevOnly, type Package } from '../model.js';
import { npmPurl } from '../purl.js';
import { manifestRoots } from './roots.js';
import { parseYamlFile } from './yaml-file.js';
import { result, type LockfileReader } from './types.js';

interface YarnEntry {
  specs: string[];
  version: string;
  integrity?: string;
  resolution?: string;
  dependencies: Record<string, string>;
  line: number;
}

function unquote(text: string): string {
  const t = text.trim();
  return t.startsWith('"') && t.endsWith('"') ? JSON.parse(t) : t;
}

/** `@scope/name@^1.0.0` → `@scope/name`. */
export function specName(spec: string): string {
  const at = spec.indexOf('@', 1);
  return at > 0 ? spec.slice(0, at) : spec;
}

function parseClassic(file: string, text: string): YarnEntry[] {
  const entries: YarnEntry[] = [];
  let entry: YarnEntry | undefined;
  let section: 'dependencies' | 'other' | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim() || raw.trimStart().startsWith('#')) return;
    const indent = raw.length - raw.trimStart().length;
    const content = raw.trim();
    if (indent === 0) {
      if (!content.endsWith(':')) throw new LockfileError(file, line, `expected 'spec:' at top level`);
      const specs = content
        .slice(0, -1)
        .split(/,\s*/)
        .map(unquote)
        .filter((s) => s);
      entry = { specs, version: '', dependencies: {}, line };
      entries.push(entry);
      section = undefined;
      return;
    }
    if (!entry) throw new LockfileError(file, line, 'indented line before any entry');
    if (indent === 2) {
      if (content.endsWith(':')) {
        section =
          content === 'dependencies:' || content === 'optionalDependencies:' ? 'dependencies' : 'other';
        return;
      }
      section = undefined;
      const m = /^("?[^\s"]+"?)\s+("(?:[^"\\]|\\.)*"|\S+)$/.exec(content);
      if (!m) throw new LockfileError(file, line, `expected 'key value', got '${content}'`);
      const key = unquote(m[1]);
      const value = unquote(m[2]);
      if (key === 'version') entry.version = value;
      else if (key === 'integrity') entry.integrity = value;
      else if (key === 'resolved') entry.resolution = value;
      return;
    }
    if (indent >= 4 && section) {
      const m = /^("[^"]+"|\S+)\s+(.+)$/.exec(content);
      if (!m) throw new LockfileError(file, line, `expected 'name range', got '${content}'`);
      if (section === 'dependencies') entry.dependencies[unquote(m[1])] = unquote(m[2]);
      return;
    }
    throw new LockfileError(file, line, `unexpected indentation`);
  });
  for (const e of entries)
    if (!e.version) throw new LockfileError(file, e.line, `entry '${e.specs[0]}' has no version`);
  return entries;
}

function parseBerry(file: string, text: string): YarnEntry[] {
  const doc = parseYamlFile(file, text) as Record<string, Record<string, unknown>>;
  const entries: YarnEntry[] = [];
  for (const [key, value] of Object.entries(doc ?? {})) {
    if (key === '__metadata') continue;
    const resolution = String(value.resolution ?? '');
    // the project and its workspaces are not third-party components
    if (/@workspace:/.test(resolution) || /@(link|portal|file):/.test(resolution)) continue;
    entries.push({
      specs: key.split(/,\s*/).map((s) => s.trim()),
      version: String(value.version ?? ''),
      resolution,
      dependencies: {
        ...(value.dependencies as Record<string, string>),
        ...(value.optionalDependencies as Record<string, string>),
      },
      line: 0,
    });
  }
  return entries;
}

export const readYarnLock: LockfileReader = ({ file, text, readSibling }) => {
  const berry = /^__metadata:/m.test(text);
  const entries = berry ? parseBerry(file, text) : parseClassic(file, text);
  const bySpec = new Map<string, YarnEntry>();
  for (const entry of entries) for (const spec of entry.specs) bySpec.set(spec, entry);
  const nameOf = (entry: YarnEntry) =>
    berry && entry.resolution ? specName(entry.resolution) : specName(entry.specs[0]);
  const purlOf = (entry: YarnEntry) => npmPurl(nameOf(entry), entry.version);
  const lookup = (name: string, range: string) =>
    bySpec.get(`${name}@${range}`) ?? bySpec.get(`${name}@npm:${range}`);
  const packages: Package[] = entries.map((entry) => ({
    ecosystem: 'npm',
    name: nameOf(entry),
    version: entry.version,
    purl: purlOf(entry),
    hashes: hashesFromIntegrity(entry.integrity),
    dependsOn: Object.entries(entry.dependencies)
      .map(([name, range]) => lookup(name, range))
      .filter((e): e is YarnEntry => !!e)
      .map(purlOf),
    scope: 'required',
    foundIn: file,
  }));
  const roots = manifestRoots(readSibling('package.json'));
  const rootPurls = (deps: Record<string, string>) =>
    Object.entries(deps)
      .map(([name, range]) => lookup(name, range))
      .filter((e): e is YarnEntry => !!e)
      .map(purlOf);
  const prod = roots ? rootPurls(roots.prod) : [];
  const dev = roots ? rootPurls(roots.dev) : [];
  if (roots) markDevOnly(packages, prod, dev);
  return result(file, berry ? 'yarn (berry)' : 'yarn (classic)', {
    packages,
    directDependencies: [...prod, ...dev],
  });
};
