import type { LockfileResult } from '../model.js';

export interface LockfileInput {
  /** Path relative to the scanned root, used in messages and `foundIn`. */
  file: string;
  text: string;
  /** Reads a file beside the lockfile (package.json, go.sum), if there is one. */
  readSibling(name: string): string | undefined;
}

export type LockfileReader = (input: LockfileInput) => LockfileResult;

export function result(file: string, kind: string, partial: Partial<LockfileResult>): LockfileResult {
  return { file, kind, packages: [], directDependencies: [], unpinned: [], ...partial };
}

/** License fields as npm/composer write them: a string, `{type}`, or a list of either. */
export function licenseText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) {
    const parts = value.map(licenseText).filter((v): v is string => !!v);
    if (!parts.length) return undefined;
    return parts.length === 1 ? parts[0] : parts.map((p) => (/\s/.test(p) ? `(${p})` : p)).join(' OR ');
  }
  if (value && typeof value === 'object' && 'type' in value)
    return licenseText((value as { type: unknown }).type);
  return undefined;
}
