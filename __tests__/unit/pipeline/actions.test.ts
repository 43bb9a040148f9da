import { describe, expect, it } from '@jest/globals';
import {
  annotations,
  bundlePath,
  callAction,
  parseGithubOutput,
  readableLog,
} from '../../../local/pipeline/actions.js';
import { StepFailed, type PipelineContext } from '../../../local/pipeline/context.js';
import { resolveOptions } from '../../../local/pipeline/pipeline.js';

const stdout = [
  '::add-mask::hunter2',
  '::group::Build with buildah',
  '$ buildah bud',
  '::endgroup::',
  '::debug::detail',
  '::warning::cache applies to docker only',
  '::error title=x::two%0Alines',
  'done',
].join('\n');

describe('reading an action log', () => {
  it('lists its annotations with their kind', () => {
    expect(annotations(stdout)).toEqual(['warning: cache applies to docker only', 'error: two\nlines']);
    expect(annotations(stdout, ['error'])).toEqual(['error: two\nlines']);
  });

  it('shows the log without workflow commands, groups as headings', () => {
    expect(readableLog(stdout)).toBe(
      [
        '▸ Build with buildah',
        '$ buildah bud',
        '::warning::cache applies to docker only',
        '::error title=x::two%0Alines',
        'done',
      ].join('\n'),
    );
  });
});

describe('parseGithubOutput', () => {
  it('reads name=value lines and multi-line blocks', () => {
    expect(parseGithubOutput('image-ref=a@sha256:1\ntags<<EOF\nx=1\ny\nEOF\nempty=\n')).toEqual({
      'image-ref': 'a@sha256:1',
      tags: 'x=1\ny',
      empty: '',
    });
  });
});

describe('callAction', () => {
  it('fails the step plainly when the bundle does not exist', async () => {
    const context = {
      options: resolveOptions({ log: () => undefined }),
      log: () => undefined,
      runs: [],
      secrets: [],
    } as unknown as PipelineContext;
    const call = callAction(context, 'no-such-action', {
      inputs: {},
      push: {
        repository: 'a/b',
        ref: 'refs/heads/main',
        sha: 'a'.repeat(40),
        before: 'b'.repeat(40),
        message: '',
      },
    });
    await expect(call).rejects.toThrow(StepFailed);
    await expect(call).rejects.toThrow(
      'no-such-action is not available: dist/no-such-action/index.js is missing',
    );
    expect(bundlePath('sbom')).toMatch(/dist\/sbom\/index\.js$/);
  });
});
