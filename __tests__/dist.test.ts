// dist/ must be exactly what `npm run build` makes from the sources.
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe('dist', () => {
  it('matches a fresh build of the sources', () => {
    const out = mkdtempSync(join(tmpdir(), 'dist-check-'));
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--out', out], {
      cwd: root,
      stdio: 'pipe',
    });
    const committed = join(root, 'dist');
    expect(listFiles(committed)).toEqual(listFiles(out));
    const drifted = listFiles(out).filter(
      (file) => !readFileSync(join(out, file)).equals(readFileSync(join(committed, file))),
    );
    expect(drifted).toEqual([]);
  }, 600_000);
});
