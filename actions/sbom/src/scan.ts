// Finds the lockfiles under a source tree and reads them all.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { byCodeUnit } from '../../../lib/compare.js';
import { isUnsupportedLockfile, readerFor } from './lockfiles/index.js';
import { mergePackages, type LockfileResult, type ScanResult } from './model.js';

/** Folders holding installed or generated copies, not the project's own lockfiles. */
const SKIPPED = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  'vendor',
  'target',
]);

export function findLockfiles(root: string): { lockfiles: string[]; unsupported: string[] } {
  const lockfiles: string[] = [];
  const unsupported: string[] = [];
  const visit = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => byCodeUnit(a.name, b.name));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) visit(full);
      } else if (entry.isFile()) {
        if (readerFor(entry.name)) lockfiles.push(full);
        else if (isUnsupportedLockfile(entry.name)) unsupported.push(full);
      }
    }
  };
  visit(root);
  return { lockfiles, unsupported };
}

export function readLockfile(path: string, shownAs: string): LockfileResult {
  const reader = readerFor(basename(path));
  if (!reader) throw new Error(`${shownAs}: not a lockfile this action reads`);
  const dir = dirname(path);
  return reader({
    file: shownAs,
    text: readFileSync(path, 'utf8'),
    readSibling: (name) => {
      const sibling = join(dir, name);
      return existsSync(sibling) ? readFileSync(sibling, 'utf8') : undefined;
    },
  });
}

export function combine(results: LockfileResult[], unsupported: string[]): ScanResult {
  return {
    packages: mergePackages(results.flatMap((r) => r.packages)),
    sources: results.map((r) => ({ file: r.file, kind: r.kind, count: r.packages.length })),
    unsupported,
    unpinned: results.flatMap((r) => r.unpinned),
    directDependencies: [...new Set(results.flatMap((r) => r.directDependencies))],
  };
}

/**
 * Reads every lockfile under `path` (a folder) or the one lockfile `path` names. Files are
 * shown relative to `base` (the repository root), or to `path` when no base is given.
 */
export function scanSource(path: string, base?: string): ScanResult {
  const isFile = statSync(path).isFile();
  const from = base ?? (isFile ? dirname(path) : path);
  const shown = (file: string) => relative(from, file) || basename(file);
  if (isFile) {
    if (!readerFor(basename(path))) return combine([], [shown(path)]);
    return combine([readLockfile(path, shown(path))], []);
  }
  const { lockfiles, unsupported } = findLockfiles(path);
  return combine(
    lockfiles.map((file) => readLockfile(file, shown(file))),
    unsupported.map(shown),
  );
}
