// Bundles every action (actions/<name>/src/index.ts) into <out>/<name>/ with ncc:
// index.js, index.js.map and licenses.txt. Usage: node scripts/build.mjs [--out DIR] [name ...]
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outRoot = outIndex >= 0 ? resolve(args[outIndex + 1]) : join(root, 'dist');
const named = args.filter((_, i) => outIndex < 0 || (i !== outIndex && i !== outIndex + 1));

export function actionNames() {
  return readdirSync(join(root, 'actions')).filter((name) =>
    existsSync(join(root, 'actions', name, 'src', 'index.ts')),
  );
}

const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
for (const name of named.length ? named : actionNames()) {
  const out = join(outRoot, name);
  rmSync(out, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [
      ncc,
      'build',
      join(root, 'actions', name, 'src', 'index.ts'),
      '-o',
      out,
      '-s',
      '--license',
      'licenses.txt',
      '-q',
    ],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  // One source per line keeps the committed map's diffs small when one source changes.
  const mapFile = join(out, 'index.js.map');
  const map = JSON.parse(readFileSync(mapFile, 'utf8'));
  const fields = Object.entries(map).map(([key, value]) =>
    Array.isArray(value)
      ? `${JSON.stringify(key)}: [\n${value.map((item) => JSON.stringify(item)).join(',\n')}\n]`
      : `${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  );
  writeFileSync(mapFile, `{\n${fields.join(',\n')}\n}\n`);
  console.log(`built ${name}`);
}
