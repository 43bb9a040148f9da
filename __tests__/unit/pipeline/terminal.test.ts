import { describe, expect, it } from '@jest/globals';
import { details, codeBlock, table } from '../../../lib/summary.js';
import {
  displayWidth,
  markdownToTerminal,
  plainInline,
  tableCells,
} from '../../../local/pipeline/terminal.js';

describe('markdownToTerminal', () => {
  it('aligns a table under a rule, with inline markup removed', () => {
    const md = table(
      ['Tag', 'Change'],
      [
        ['`staging-latest`', 'new'],
        ['`v1`', '**moved** here'],
      ],
    );
    expect(markdownToTerminal(md).split('\n')).toEqual([
      'Tag             Change',
      '──────────────  ──────────',
      'staging-latest  new',
      'v1              moved here',
    ]);
  });

  it('drops the empty header of a key/value table', () => {
    const md = table(
      ['', ''],
      [
        ['App', 'web `abc`'],
        ['Live URL', 'http://127.0.0.1:1'],
      ],
    );
    expect(markdownToTerminal(md)).toBe('App       web abc\nLive URL  http://127.0.0.1:1');
  });

  it('keeps escaped pipes and line breaks inside a cell', () => {
    expect(tableCells(table(['a'], [['x|y\nz']]).split('\n')[2])).toEqual(['x|y<br>z']);
    expect(markdownToTerminal(table(['a'], [['x|y\nz']])).split('\n')[2]).toBe('x|y; z');
  });

  it('turns headings, details and code blocks into plain text', () => {
    const md = [
      '### ✅ Deployment of `web`: ACTIVE',
      '',
      details('Last 100 log lines', codeBlock('line 1\nline 2')),
    ].join('\n');
    expect(markdownToTerminal(md)).toBe(
      '✅ Deployment of web: ACTIVE\n\nLast 100 log lines:\n\n    line 1\n    line 2',
    );
  });

  it('indents every line it prints', () => {
    expect(markdownToTerminal('# Title\n\n- one\n- two', { indent: '  ' })).toBe(
      '  Title\n\n  • one\n  • two',
    );
  });

  it('cuts long code lines when asked to', () => {
    const md = codeBlock(`buildah ${'x'.repeat(50)}\nshort`, 'sh');
    expect(markdownToTerminal(md, { maxCodeLine: 12 })).toBe('    buildah xxxx…\n    short');
  });
});

describe('plainInline', () => {
  it('writes links as text and address, and decodes entities', () => {
    expect(plainInline('[the app](https://a.example) &lt;b&gt; &amp; _x_')).toBe(
      'the app <https://a.example> <b> & x',
    );
    expect(plainInline('[https://a.example](https://a.example)')).toBe('https://a.example');
  });

  it('leaves snake_case words alone', () => {
    expect(plainInline('live_url and _emphasis_')).toBe('live_url and emphasis');
  });
});

describe('displayWidth', () => {
  it('counts emoji as two columns and variation selectors as none', () => {
    expect(displayWidth('ok')).toBe(2);
    expect(displayWidth('✅ x')).toBe(4);
    expect(displayWidth('⚠️')).toBe(2);
  });
});
