// pnpm-lock.yaml, lockfileVersion 5.x, 6.x and 9.x.
import { hashesFromIntegrity, LockfileError, markDevOnly, type Package } from '../model.js';
import { npmPurl } from '../purl.js';
import { licenseText, result, type LockfileReader } from './types.js';
import { parseYamlFile } from './yaml-file.js';

interface PnpmPackage {
  resolution?: { integrity?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  dev?: boolean;
  name?: string;
  version?: string;
  license?: string;
}

type ImporterDeps = Record<string, string | { version: string }>;
interface Importer {
  dependencies?: ImporterDeps;
  optionalDependencies?: ImporterDeps;
  devDependencies?: ImporterDeps;
}

/** `/@scope/name@1.0.0(peer@2)` (v6/v9) or `/@scope/name/1.0.0_peer@2` (v5) → name, version. */
export function parsePnpmKey(key: string): { name: string; version: string } | undefined {
  const bare = key.replace(/^\//, '').replace(/\(.*$/, '');
  const at = bare.indexOf('@', 1);
  if (at > 0) {
    const name = bare.slice(0, at);
    const slashes = name.split('/').length - 1;
    if (slashes === (name.startsWith('@') ? 1 : 0)) return { name, version: bare.slice(at + 1) };
  }
  const slash = bare.lastIndexOf('/');
  if (slash <= 0) return undefined;
  return { name: bare.slice(0, slash), version: bare.slice(slash + 1).replace(/_.*$/, '') };
}

function versionOf(value: string | { version: string }): string {
  return typeof value === 'string' ? value : value.version;
}

export const readPnpmLock: LockfileReader = ({ file, text }) => {
  const lock = parseYamlFile(file, text) as {
    lockfileVersion?: string | number;
    importers?: Record<string, Importer>;
    packages?: Record<string, PnpmPackage>;
    snapshots?: Record<string, PnpmPackage>;
  } & Importer;
  if (!lock || typeof lock !== 'object' || lock.lockfileVersion === undefined)
    throw new LockfileError(file, 1, 'not a pnpm lockfile (no lockfileVersion)');
  const major = Number(String(lock.lockfileVersion).split('.')[0]);
  const v5 = major < 6;
  // v9 keeps integrity in `packages` and edges in `snapshots` (keys with peer suffixes)
  const graph = lock.snapshots ?? lock.packages ?? {};
  const meta = lock.packages ?? {};
  const keyFor = (name: string, version: string): string => {
    if (version.startsWith('link:') || version.startsWith('file:')) return '';
    // an alias (`other@1.0.0`) names its target; a peer suffix `(peer@1)` is not an alias
    if (lock.snapshots)
      return version.replace(/\(.*$/, '').indexOf('@', 1) > 0 ? version : `${name}@${version}`;
    if (version.startsWith('/')) return version;
    return v5 ? `/${name}/${version}` : `/${name}@${version}`;
  };
  const purlByKey = new Map<string, string>();
  for (const key of Object.keys(graph)) {
    const parsed = parsePnpmKey(key);
    if (parsed)
      purlByKey.set(key, npmPurl(meta[key]?.name ?? parsed.name, parsed.version.replace(/\(.*$/, '')));
  }
  const targets = (deps: ImporterDeps | undefined) =>
    Object.entries(deps ?? {})
      .map(([name, value]) => purlByKey.get(keyFor(name, versionOf(value))))
      .filter((p): p is string => !!p);
  const packages: Package[] = [];
  for (const [key, entry] of Object.entries(graph)) {
    const purl = purlByKey.get(key);
    if (!purl) continue;
    const metaKey = key.replace(/\(.*$/, '');
    const info = meta[key] ?? meta[metaKey] ?? entry;
    const parsed = parsePnpmKey(key)!;
    packages.push({
      ecosystem: 'npm',
      name: info.name ?? parsed.name,
      version: parsed.version,
      purl,
      license: licenseText(info.license),
      hashes: hashesFromIntegrity(info.resolution?.integrity),
      dependsOn: [...targets(entry.dependencies), ...targets(entry.optionalDependencies)],
      scope: info.dev === true ? 'optional' : 'required',
      foundIn: file,
    });
  }
  const importers: Importer[] = lock.importers ? Object.values(lock.importers) : [lock];
  const prod = importers.flatMap((i) => [...targets(i.dependencies), ...targets(i.optionalDependencies)]);
  const dev = importers.flatMap((i) => targets(i.devDependencies));
  if (major >= 9) markDevOnly(packages, prod, dev);
  return result(file, 'pnpm', { packages, directDependencies: [...new Set([...prod, ...dev])] });
};
