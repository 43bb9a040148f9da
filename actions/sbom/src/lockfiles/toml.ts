import { LockfileError } from '../model.js';
// A TOML reader for lockfiles (Cargo.lock, poetry.lock, uv.lock): tables, arrays of tables,
// dotted keys, strings (basic, literal, multi-line), numbers, booleans, dates, arrays and
// inline tables. Errors carry the line number.

export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}

export class TomlError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'TomlError';
  }
}

const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };

class Reader {
  pos = 0;
  line = 1;
  constructor(readonly text: string) {}

  fail(reason: string): never {
    throw new TomlError(this.line, reason);
  }
  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? '';
  }
  next(): string {
    const c = this.text[this.pos++] ?? '';
    if (c === '\n') this.line++;
    return c;
  }
  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }
  skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }
  /** Spaces, newlines and comments (inside arrays). */
  skipBlank(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') this.next();
      else if (c === '#') while (this.peek() && this.peek() !== '\n') this.pos++;
      else return;
    }
  }
  endOfLine(): void {
    this.skipSpaces();
    if (this.peek() === '#') while (this.peek() && this.peek() !== '\n') this.pos++;
    if (this.peek() === '\r') this.pos++;
    if (this.peek() && this.peek() !== '\n') this.fail(`unexpected '${this.peek()}' after value`);
    this.next();
  }

  key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipSpaces();
      const c = this.peek();
      if (c === '"') parts.push(this.basicString());
      else if (c === "'") parts.push(this.literalString());
      else {
        const m = /^[A-Za-z0-9_-]+/.exec(this.text.slice(this.pos, this.pos + 256));
        if (!m) this.fail('expected a key');
        this.pos += m[0].length;
        parts.push(m[0]);
      }
      this.skipSpaces();
      if (this.peek() !== '.') return parts;
      this.pos++;
    }
  }

  basicString(): string {
    if (this.startsWith('"""')) return this.multiline('"""', true);
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.peek();
      if (c === '' || c === '\n') this.fail('unterminated string');
      this.pos++;
      if (c === '"') return out;
      out += c === '\\' ? this.escape() : c;
    }
  }
  literalString(): string {
    if (this.startsWith("'''")) return this.multiline("'''", false);
    this.pos++;
    const end = this.text.indexOf("'", this.pos);
    const newline = this.text.indexOf('\n', this.pos);
    if (end < 0 || (newline >= 0 && newline < end)) this.fail('unterminated string');
    const out = this.text.slice(this.pos, end);
    this.pos = end + 1;
    return out;
  }
  multiline(quote: string, escapes: boolean): string {
    this.pos += 3;
    if (this.peek() === '\r') this.pos++;
    if (this.peek() === '\n') this.next();
    let out = '';
    for (;;) {
      if (this.startsWith(quote) && this.peek(3) !== quote[0]) {
        this.pos += 3;
        return out;
      }
      const c = this.next();
      if (c === '') this.fail('unterminated multi-line string');
      if (escapes && c === '\\') {
        if (/^[ \t]*\r?\n/.test(this.text.slice(this.pos, this.pos + 64))) {
          this.skipBlank();
          continue;
        }
        out += this.escape();
      } else out += c;
    }
  }
  escape(): string {
    const c = this.next();
    if (c in ESCAPES) return ESCAPES[c];
    if (c === 'u' || c === 'U') {
      const length = c === 'u' ? 4 : 8;
      const hex = this.text.slice(this.pos, this.pos + length);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) this.fail('bad unicode escape');
      this.pos += length;
      return String.fromCodePoint(parseInt(hex, 16));
    }
    return this.fail(`bad escape \\${c}`);
  }

  value(): TomlValue {
    this.skipSpaces();
    const c = this.peek();
    if (c === '"') return this.basicString();
    if (c === "'") return this.literalString();
    if (c === '[') return this.array();
    if (c === '{') return this.inlineTable();
    const m = /^[^\s,\]}#]+/.exec(this.text.slice(this.pos, this.pos + 128));
    if (!m) this.fail('expected a value');
    let word = m[0];
    // dates may contain one space between date and time
    const dateTime = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.exec(this.text.slice(this.pos, this.pos + 64));
    if (dateTime) word = /^\S+ \S+/.exec(this.text.slice(this.pos, this.pos + 64))![0];
    this.pos += word.length;
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (/^[+-]?(\d[\d_]*)(\.\d[\d_]*)?([eE][+-]?\d+)?$/.test(word)) return Number(word.replace(/_/g, ''));
    if (/^0x[0-9a-fA-F_]+$|^0o[0-7_]+$|^0b[01_]+$/.test(word)) return Number(word.replace(/_/g, ''));
    if (/^[+-]?(inf|nan)$/.test(word)) return Number(word.replace('inf', 'Infinity').replace('nan', 'NaN'));
    if (/^\d{4}-\d{2}-\d{2}|^\d{2}:\d{2}/.test(word)) return word;
    return this.fail(`unexpected value '${word}'`);
  }
  array(): TomlValue[] {
    this.pos++;
    const items: TomlValue[] = [];
    for (;;) {
      this.skipBlank();
      if (this.peek() === ']') {
        this.pos++;
        return items;
      }
      items.push(this.value());
      this.skipBlank();
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== ']') this.fail("expected ',' or ']' in array");
    }
  }
  inlineTable(): TomlTable {
    this.pos++;
    const table: TomlTable = {};
    this.skipSpaces();
    if (this.peek() === '}') {
      this.pos++;
      return table;
    }
    for (;;) {
      const key = this.key();
      if (this.next() !== '=') this.fail("expected '=' in inline table");
      assign(this, table, key, this.value());
      this.skipBlank();
      const c = this.next();
      if (c === '}') return table;
      if (c !== ',') this.fail("expected ',' or '}' in inline table");
      this.skipBlank();
    }
  }
}

function isTable(value: TomlValue | undefined): value is TomlTable {
  return typeof value === 'object' && !Array.isArray(value);
}

function descend(reader: Reader, table: TomlTable, keys: string[]): TomlTable {
  let current = table;
  for (const key of keys) {
    let next = current[key];
    if (next === undefined) current[key] = next = {};
    if (Array.isArray(next)) next = next[next.length - 1];
    if (!isTable(next)) reader.fail(`key '${keys.join('.')}' is not a table`);
    current = next;
  }
  return current;
}

function assign(reader: Reader, table: TomlTable, key: string[], value: TomlValue): void {
  const parent = descend(reader, table, key.slice(0, -1));
  const last = key[key.length - 1];
  if (last in parent) reader.fail(`duplicate key '${key.join('.')}'`);
  parent[last] = value;
}

export function parseToml(text: string): TomlTable {
  const reader = new Reader(text);
  const root: TomlTable = {};
  let current = root;
  while (reader.pos < text.length) {
    reader.skipBlank();
    if (reader.pos >= text.length) break;
    if (reader.startsWith('[[')) {
      reader.pos += 2;
      const key = reader.key();
      if (!reader.startsWith(']]')) reader.fail("expected ']]'");
      reader.pos += 2;
      const parent = descend(reader, root, key.slice(0, -1));
      const last = key[key.length - 1];
      const list = (parent[last] ??= []) as TomlValue;
      if (!Array.isArray(list)) return reader.fail(`key '${key.join('.')}' is not an array of tables`);
      current = {};
      list.push(current);
    } else if (reader.peek() === '[') {
      reader.pos++;
      const key = reader.key();
      if (reader.peek() !== ']') reader.fail("expected ']'");
      reader.pos++;
      current = descend(reader, root, key);
    } else {
      const key = reader.key();
      if (reader.next() !== '=') reader.fail("expected '=' after key");
      assign(reader, current, key, reader.value());
    }
    reader.endOfLine();
  }
  return root;
}

/** Parses a TOML lockfile; a syntax error becomes a LockfileError naming the file and line. */
export function parseTomlFile(file: string, text: string): TomlTable {
  try {
    return parseToml(text);
  } catch (error) {
    if (error instanceof TomlError)
      throw new LockfileError(file, error.line, `invalid TOML (${error.message})`);
    throw error;
  }
}
