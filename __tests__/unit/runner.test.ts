import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandLine, inputEnvName, processRunner } from '../../lib/runner.js';
import { parseOutputFile } from '../../local/run-action.js';

describe('runner protocol', () => {
  it('names inputs as the runner does: upper case, spaces to underscores, dashes kept', () => {
    expect(inputEnvName('request-timeout')).toBe('INPUT_REQUEST-TIMEOUT');
    expect(inputEnvName('my input')).toBe('INPUT_MY_INPUT');
  });

  it('escapes command data and properties', () => {
    expect(commandLine('error', 'a%b\nc', { file: 'x:y,z' })).toBe('::error file=x%3Ay%2Cz::a%25b%0Ac');
  });

  it('writes multi-line outputs to GITHUB_OUTPUT and summaries to GITHUB_STEP_SUMMARY', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runner-'));
    const env = {
      GITHUB_OUTPUT: join(dir, 'out'),
      GITHUB_STEP_SUMMARY: join(dir, 'sum'),
      INPUT_URL: '  http://x \n',
    };
    const lines: string[] = [];
    const runner = processRunner(env, (l) => lines.push(l));
    expect(runner.input('url')).toBe('http://x');
    runner.setOutput('report', '{"a":1}\nsecond line');
    runner.setOutput('healthy', true);
    runner.appendSummary('# Title');
    expect(parseOutputFile(readFileSync(env.GITHUB_OUTPUT, 'utf8'))).toEqual({
      report: '{"a":1}\nsecond line',
      healthy: 'true',
    });
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toContain('# Title');
  });

  it('masks secrets in every later line and in the summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runner-'));
    const lines: string[] = [];
    const runner = processRunner({ GITHUB_STEP_SUMMARY: join(dir, 'sum') }, (l) => lines.push(l));
    runner.setSecret('s3cret-token');
    runner.info('Authorization: Bearer s3cret-token');
    runner.error('bad s3cret-token');
    runner.appendSummary('token s3cret-token');
    expect(lines[0]).toBe('::add-mask::s3cret-token');
    expect(lines.slice(1).join('\n')).not.toContain('s3cret-token');
    expect(readFileSync(join(dir, 'sum'), 'utf8')).not.toContain('s3cret-token');
  });
});
