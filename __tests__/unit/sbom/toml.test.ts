import { describe, expect, it } from '@jest/globals';
import { parseToml, TomlError } from '../../../actions/sbom/src/lockfiles/toml.js';

describe('parseToml', () => {
  it('reads tables, arrays of tables, dotted keys, strings, numbers, arrays and inline tables', () => {
    const doc = parseToml(`# comment
title = "a \\"quoted\\" \\u00e9"
literal = 'C:\\path'
multi = """
line one
line two"""
n = 1_000
f = -1.5e3
t = true
when = 1979-05-27T07:32:00Z
list = [ 1, 2,
  3, # trailing comment
]
inline = { a.b = "x", c = [ { d = 1 } ] }

[server."web.1"]
port = 80

[[package]]
name = "a"

[[package]]
name = "b"
[package.dependencies]
c = "*"
`);
    expect(doc).toEqual({
      title: 'a "quoted" é',
      literal: 'C:\\path',
      multi: 'line one\nline two',
      n: 1000,
      f: -1500,
      t: true,
      when: '1979-05-27T07:32:00Z',
      list: [1, 2, 3],
      inline: { a: { b: 'x' }, c: [{ d: 1 }] },
      server: { 'web.1': { port: 80 } },
      package: [{ name: 'a' }, { name: 'b', dependencies: { c: '*' } }],
    });
  });

  it.each([
    ['a = "unterminated\n', 1],
    ['a = 1\na = 2\n', 2],
    ['\n\n[x\n', 3],
    ['a = [1, 2\nb = 3', 2],
    ['a = 1 b\n', 1],
  ])('reports the line of %j', (text, line) => {
    expect(() => parseToml(text)).toThrow(TomlError);
    try {
      parseToml(text);
    } catch (error) {
      expect((error as TomlError).line).toBe(line);
    }
  });
});
