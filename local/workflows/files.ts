// The workflow files this repository ships: its own (.github/workflows) and the examples a
// user copies (examples/**/.github/workflows).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { WorkflowFile } from './rules.js';

export function workflowPaths(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === '.git') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(entry.name) && path.split(sep).slice(-3, -1).join('/') === '.github/workflows')
        found.push(relative(root, path).split(sep).join('/'));
    }
  };
  for (const top of ['.github', 'examples']) {
    try {
      walk(join(root, top));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return found.sort();
}

export function readWorkflows(root: string): WorkflowFile[] {
  return workflowPaths(root).map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}
