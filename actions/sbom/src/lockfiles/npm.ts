// package-lock.json / npm-shrinkwrap.json, lockfileVersion 1, 2 and 3.
import { hashesFromIntegrity, LockfileError, parseJsonFile, type Package } from '../model.js';
import { npmPurl } from '../purl.js';
import { licenseText, result, type LockfileReader } from './types.js';

interface NpmEntry {
  name?: string;
  version?: string;
  integrity?: string;
  license?: unknown;
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
  link?: boolean;
  resolved?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

interface NpmV1Entry {
  version: string;
  integrity?: string;
  dev?: boolean;
  optional?: boolean;
  requires?: Record<string, string>;
  dependencies?: Record<string, NpmV1Entry>;
}

/** Name of the package installed at `node_modules/a/node_modules/@s/b`. */
function nameFromPath(path: string): string {
  const at = path.lastIndexOf('node_modules/');
  return path.slice(at + 'node_modules/'.length);
}

/** Node's resolution: nearest `node_modules/<name>` walking up from `from`. */
function resolveFrom(entries: Record<string, NpmEntry>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (entries[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut >= 0 ? base.slice(0, cut) : '';
  }
}

function readV2(file: string, entries: Record<string, NpmEntry>) {
  const purlAt = new Map<string, string>();
  const realPath = (path: string): string => {
    const entry = entries[path];
    return entry?.link && entry.resolved !== undefined ? entry.resolved : path;
  };
  for (const [path, entry] of Object.entries(entries)) {
    if (!path || entry.link) continue;
    const name = path.includes('node_modules/') ? nameFromPath(path) : entry.name;
    if (!name || !entry.version) continue;
    purlAt.set(path, npmPurl(name, entry.version));
  }
  const edges = (path: string, entry: NpmEntry, withDev: boolean): string[] => {
    const names = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}),
      ...(withDev ? Object.keys(entry.devDependencies ?? {}) : []),
    ];
    const out = new Set<string>();
    for (const dep of names) {
      const target = resolveFrom(entries, path, dep);
      const purl = target && purlAt.get(realPath(target));
      if (purl) out.add(purl);
    }
    return [...out];
  };
  const packages: Package[] = [];
  for (const [path, purl] of purlAt) {
    const entry = entries[path];
    const name = path.includes('node_modules/') ? nameFromPath(path) : entry.name!;
    packages.push({
      ecosystem: 'npm',
      name,
      version: entry.version!,
      purl,
      license: licenseText(entry.license),
      hashes: hashesFromIntegrity(entry.integrity),
      dependsOn: edges(path, entry, false),
      scope: entry.dev || entry.devOptional || entry.optional ? 'optional' : 'required',
      foundIn: file,
    });
  }
  const root = entries[''] ?? {};
  return { packages, directDependencies: edges('', root, true) };
}

function readV1(file: string, tree: Record<string, NpmV1Entry>) {
  const packages: Package[] = [];
  // Each level resolves names against itself, then its ancestors.
  const walk = (level: Record<string, NpmV1Entry>, scopes: Record<string, NpmV1Entry>[]) => {
    const chain = [level, ...scopes];
    const find = (name: string) => {
      for (const scope of chain) if (scope[name]) return npmPurl(name, scope[name].version);
      return undefined;
    };
    for (const [name, entry] of Object.entries(level)) {
      const inner = entry.dependencies ?? {};
      const innerFind = (dep: string) => (inner[dep] ? npmPurl(dep, inner[dep].version) : find(dep));
      packages.push({
        ecosystem: 'npm',
        name,
        version: entry.version,
        purl: npmPurl(name, entry.version),
        hashes: hashesFromIntegrity(entry.integrity),
        dependsOn: Object.keys(entry.requires ?? {})
          .map(innerFind)
          .filter((p): p is string => !!p),
        scope: entry.dev || entry.optional ? 'optional' : 'required',
        foundIn: file,
      });
      walk(inner, chain);
    }
  };
  walk(tree, []);
  return { packages, directDependencies: Object.entries(tree).map(([n, e]) => npmPurl(n, e.version)) };
}

export const readNpmLock: LockfileReader = ({ file, text }) => {
  const lock = parseJsonFile(file, text) as {
    lockfileVersion?: number;
    packages?: Record<string, NpmEntry>;
    dependencies?: Record<string, NpmV1Entry>;
  };
  if (!lock || typeof lock !== 'object' || typeof lock.lockfileVersion !== 'number')
    throw new LockfileError(file, 1, 'not an npm lockfile (no lockfileVersion)');
  if (lock.packages) return result(file, 'npm', readV2(file, lock.packages));
  if (lock.lockfileVersion === 1) return result(file, 'npm', readV1(file, lock.dependencies ?? {}));
  throw new LockfileError(file, 1, `lockfileVersion ${lock.lockfileVersion} without a "packages" map`);
};
