// GitHub's own workflow parser (@actions/workflow-parser), following reusable-workflow calls
// one level deep: `./.github/workflows/x.yml` within the calling file's repository, and this
// project's `shipyard-dev/shipyard/.github/workflows/x.yml@ref` to the files being checked.
// Under plain Node the parser's JSON import needs the load hook in ./json-import-hook.ts.
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import type { FileProvider } from '@actions/workflow-parser/workflows/file-provider';
import { shipyardRepository } from './pins.js';
import type { WorkflowFile } from './rules.js';

export interface ParserError {
  file: string;
  message: string;
}

function provider(files: WorkflowFile[], caller: WorkflowFile): FileProvider {
  const root = caller.path.slice(0, caller.path.indexOf('.github/workflows/'));
  return {
    async getFileContent(ref) {
      const path =
        'repository' in ref
          ? `${ref.owner}/${ref.repository}` === shipyardRepository
            ? ref.path
            : undefined
          : root + ref.path;
      const file = files.find((f) => f.path === path);
      if (!file) throw new Error(`no such workflow: ${JSON.stringify(ref)}`);
      return { name: file.path, content: file.text };
    },
  };
}

export async function parseWithGitHub(files: WorkflowFile[]): Promise<ParserError[]> {
  const errors: ParserError[] = [];
  for (const file of files) {
    const parsed = parseWorkflow({ name: file.path, content: file.text }, new NoOperationTraceWriter());
    if (!parsed.value) {
      errors.push(...parsed.context.errors.getErrors().map((e) => ({ file: file.path, message: e.message })));
      continue;
    }
    const template = await convertWorkflowTemplate(parsed.context, parsed.value, provider(files, file), {
      fetchReusableWorkflowDepth: 1,
    });
    for (const error of template.errors ?? []) errors.push({ file: file.path, message: error.Message });
  }
  return errors;
}
