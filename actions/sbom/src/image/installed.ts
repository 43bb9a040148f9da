// Language packages installed in a filesystem: node_modules/*/package.json, *.dist-info/METADATA.
import type { Package } from '../model.js';
import { normalizePypiName, npmPurl, pypiPurl } from '../purl.js';
import { licenseText } from '../lockfiles/types.js';

export const NODE_MODULE_MANIFEST = /(^|\/)node_modules\/((?:@[^/]+\/)?[^/@.][^/]*)\/package\.json$/;
export const DIST_INFO_METADATA = /(^|\/)[^/]+\.dist-info\/METADATA$/;

interface NodeManifest {
  name?: string;
  version?: string;
  license?: unknown;
  licenses?: unknown;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** `files`: path → package.json text, for paths matching NODE_MODULE_MANIFEST. */
export function readNodeModules(files: Map<string, string>): { packages: Package[]; problems: string[] } {
  const problems: string[] = [];
  const manifests = new Map<string, { dir: string; manifest: NodeManifest; name: string; version: string }>();
  for (const [path, text] of files) {
    const dir = path.slice(0, -'/package.json'.length);
    let manifest: NodeManifest;
    try {
      manifest = JSON.parse(text) as NodeManifest;
    } catch (error) {
      problems.push(`${path}: invalid JSON (${(error as Error).message.split(' in JSON')[0]})`);
      continue;
    }
    const name = NODE_MODULE_MANIFEST.exec(path)![2];
    // nested package.json files without a version (e.g. `"type": "module"` markers) are not packages
    if (!manifest.version) continue;
    manifests.set(dir, { dir, manifest, name: manifest.name ?? name, version: manifest.version });
  }
  const resolve = (from: string, dep: string): string | undefined => {
    let base = from;
    for (;;) {
      const candidate = `${base}/node_modules/${dep}`;
      if (manifests.has(candidate)) return candidate;
      const cut = base.lastIndexOf('/node_modules/');
      if (cut < 0) {
        const top = base.lastIndexOf('/');
        if (top < 0) return manifests.has(`node_modules/${dep}`) ? `node_modules/${dep}` : undefined;
        base = base.slice(0, top);
        continue;
      }
      base = base.slice(0, cut);
    }
  };
  const packages = [...manifests.values()].map(({ dir, manifest, name, version }) => ({
    ecosystem: 'npm' as const,
    name,
    version,
    purl: npmPurl(name, version),
    license: licenseText(manifest.license ?? manifest.licenses),
    hashes: [],
    dependsOn: Object.keys({
      ...manifest.dependencies,
      ...manifest.optionalDependencies,
      ...manifest.peerDependencies,
    })
      .map((dep) => resolve(dir, dep))
      .filter((d): d is string => !!d)
      .map((d) => npmPurl(manifests.get(d)!.name, manifests.get(d)!.version)),
    scope: 'required' as const,
    foundIn: dir,
  }));
  return { packages, problems };
}

function metadataHeaders(text: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  let last = '';
  for (const line of text.split(/\r?\n/)) {
    if (!line) break; // the body (long description) follows the first blank line
    if (/^[ \t]/.test(line) && last) {
      const values = headers.get(last)!;
      values[values.length - 1] += `\n${line.trim()}`;
      continue;
    }
    const at = line.indexOf(':');
    if (at <= 0) continue;
    last = line.slice(0, at);
    headers.set(last, [...(headers.get(last) ?? []), line.slice(at + 1).trim()]);
  }
  return headers;
}

const CLASSIFIER_LICENSES: Record<string, string> = {
  'MIT License': 'MIT',
  'BSD License': 'BSD-3-Clause',
  'Apache Software License': 'Apache-2.0',
  'ISC License (ISCL)': 'ISC',
  'Python Software Foundation License': 'PSF-2.0',
  'Mozilla Public License 2.0 (MPL 2.0)': 'MPL-2.0',
};

function pythonLicense(headers: Map<string, string[]>): string | undefined {
  const expression = headers.get('License-Expression')?.[0];
  if (expression) return expression;
  const license = headers.get('License')?.[0];
  if (license && !license.includes('\n') && license.length < 80 && license !== 'UNKNOWN') return license;
  const classifiers = (headers.get('Classifier') ?? [])
    .filter((c) => c.startsWith('License :: '))
    .map((c) => c.split(' :: ').pop()!);
  const known = classifiers.map((c) => CLASSIFIER_LICENSES[c] ?? c);
  return known.length ? known.join(' OR ') : undefined;
}

export function readDistInfo(files: Map<string, string>): { packages: Package[]; problems: string[] } {
  const problems: string[] = [];
  const parsed = [...files].map(([path, text]) => ({ path, headers: metadataHeaders(text) }));
  const byName = new Map<string, string>();
  for (const { path, headers } of parsed) {
    const name = headers.get('Name')?.[0];
    const version = headers.get('Version')?.[0];
    if (!name || !version) problems.push(`${path}: no Name or Version header`);
    else byName.set(normalizePypiName(name), pypiPurl(name, version));
  }
  const packages: Package[] = [];
  for (const { path, headers } of parsed) {
    const name = headers.get('Name')?.[0];
    const version = headers.get('Version')?.[0];
    if (!name || !version) continue;
    const requires = (headers.get('Requires-Dist') ?? [])
      .filter((r) => !/;\s*.*\bextra\s*==/.test(r))
      .map((r) => normalizePypiName(/^[A-Za-z0-9._-]+/.exec(r)?.[0] ?? ''))
      .map((n) => byName.get(n))
      .filter((p): p is string => !!p);
    packages.push({
      ecosystem: 'pypi',
      name: normalizePypiName(name),
      version,
      purl: pypiPurl(name, version),
      license: pythonLicense(headers),
      hashes: [],
      dependsOn: requires,
      scope: 'required',
      foundIn: path.replace(/\/METADATA$/, ''),
    });
  }
  return { packages, problems };
}
