// The action's own model of what it found, independent of the output format.
import { byCodeUnit } from '../../../lib/compare.js';

export type Ecosystem = 'npm' | 'pypi' | 'golang' | 'cargo' | 'gem' | 'composer' | 'deb' | 'apk';

export type HashAlgorithm = 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface Hash {
  algorithm: HashAlgorithm;
  /** Lower-case hex. */
  content: string;
}

export interface Package {
  ecosystem: Ecosystem;
  /** Full name as the ecosystem writes it (`@scope/name`, `github.com/a/b`, `vendor/name`). */
  name: string;
  version: string;
  purl: string;
  /** License as the source states it (an SPDX expression or a free-text name). */
  license?: string;
  hashes: Hash[];
  /** purls of the packages this one depends on. */
  dependsOn: string[];
  /** Dev/test-only packages are `optional`. */
  scope: 'required' | 'optional';
  /** File the package was read from, relative to the scanned root. */
  foundIn: string;
}

export interface UnpinnedRequirement {
  file: string;
  line: number;
  text: string;
}

/** What one lockfile (or package database) yielded. */
export interface LockfileResult {
  file: string;
  kind: string;
  packages: Package[];
  /** purls the project itself depends on directly. */
  directDependencies: string[];
  unpinned: UnpinnedRequirement[];
}

export interface ScanResult {
  packages: Package[];
  sources: { file: string; kind: string; count: number }[];
  unsupported: string[];
  unpinned: UnpinnedRequirement[];
  directDependencies: string[];
}

export class LockfileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${reason}`);
    this.name = 'LockfileError';
  }
}

export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** JSON.parse with the line of a syntax error in the thrown LockfileError. */
export function parseJsonFile(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const lineCol = /line (\d+)/.exec(message);
    const line = position ? lineOfOffset(text, Number(position[1])) : lineCol ? Number(lineCol[1]) : 1;
    throw new LockfileError(file, line, `invalid JSON (${message.split(' in JSON')[0]})`);
  }
}

/** Merges packages with the same purl: union of hashes and edges; required wins over optional. */
/** Packages in purl order (by code unit), so a document's content never depends on scan order. */
export function inPurlOrder(packages: readonly Package[]): Package[] {
  return [...packages].sort((a, b) => byCodeUnit(a.purl, b.purl));
}

export function mergePackages(packages: Package[]): Package[] {
  const byPurl = new Map<string, Package>();
  for (const pkg of packages) {
    const seen = byPurl.get(pkg.purl);
    if (!seen) {
      byPurl.set(pkg.purl, { ...pkg, hashes: [...pkg.hashes], dependsOn: [...pkg.dependsOn] });
      continue;
    }
    if (pkg.scope === 'required') seen.scope = 'required';
    seen.license ??= pkg.license;
    for (const hash of pkg.hashes)
      if (!seen.hashes.some((h) => h.algorithm === hash.algorithm && h.content === hash.content))
        seen.hashes.push(hash);
    for (const dep of pkg.dependsOn) if (!seen.dependsOn.includes(dep)) seen.dependsOn.push(dep);
  }
  return [...byPurl.values()];
}

/**
 * Marks packages reachable only from dev roots as optional. Packages reachable from no root
 * keep their scope (the lockfile did not say).
 */
export function markDevOnly(packages: Package[], prodRoots: string[], devRoots: string[]): void {
  const byPurl = new Map(packages.map((p) => [p.purl, p]));
  const reach = (roots: string[]) => {
    const seen = new Set<string>();
    const stack = [...roots];
    while (stack.length) {
      const purl = stack.pop()!;
      if (seen.has(purl)) continue;
      seen.add(purl);
      stack.push(...(byPurl.get(purl)?.dependsOn ?? []));
    }
    return seen;
  };
  const prod = reach(prodRoots);
  const dev = reach(devRoots);
  for (const pkg of packages) {
    if (prod.has(pkg.purl)) pkg.scope = 'required';
    else if (dev.has(pkg.purl)) pkg.scope = 'optional';
  }
}

export function hexFromBase64(text: string): string {
  return Buffer.from(text, 'base64').toString('hex');
}

/** npm/yarn/pnpm `integrity` (SRI, several space-separated) to hashes. */
export function hashesFromIntegrity(integrity: string | undefined): Hash[] {
  if (!integrity) return [];
  const algorithms: Record<string, HashAlgorithm> = {
    sha1: 'SHA-1',
    sha256: 'SHA-256',
    sha384: 'SHA-384',
    sha512: 'SHA-512',
  };
  const hashes: Hash[] = [];
  for (const part of integrity.trim().split(/\s+/)) {
    const m = /^(sha1|sha256|sha384|sha512)-([A-Za-z0-9+/=]+)/.exec(part);
    if (m) hashes.push({ algorithm: algorithms[m[1]], content: hexFromBase64(m[2]) });
  }
  return hashes;
}

/** `sha256:hex` / `sha256=hex` style hashes. */
export function hashFromPrefixed(text: string): Hash | undefined {
  const m = /^(md5|sha1|sha256|sha384|sha512)[:=]([0-9a-fA-F]+)$/.exec(text.trim());
  if (!m) return undefined;
  const algorithm = (
    { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' } as const
  )[m[1] as 'md5'];
  return { algorithm, content: m[2].toLowerCase() };
}
