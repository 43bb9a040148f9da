// Job summaries are GitHub-flavoured Markdown; this turns one into plain text a terminal shows
// well: aligned tables, headings without #, code blocks indented, <details> opened up.

const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&amp;': '&',
};

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|quot|#39|amp);/g, (m) => ENTITIES[m]);
}

/** Inline markup: `code`, **bold**, _emphasis_, [text](url), <br>, HTML entities. */
export function plainInline(text: string): string {
  return decodeEntities(
    text
      .replace(/<br\s*\/?>/gi, '; ')
      .replace(/!?\[([^\]]*)\]\(([^)\s]+)\)/g, (_, label: string, url: string) =>
        label && label !== url ? `${label} <${url}>` : url,
      )
      .replace(/\*\*([^*]+)\*\*/g, '$1')
      .replace(/(^|[\s(])_([^_]+)_(?=$|[\s).,:;])/g, '$1$2')
      .replace(/`([^`]*)`/g, '$1')
      .replace(/<\/?(summary|details|b|strong|code|em|i|sub|sup)>/gi, ''),
  );
}

/** Splits `| a | b\|c |` into cells, honouring escaped pipes. */
export function tableCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '\\' && inner[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (inner[i] === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += inner[i];
  }
  cells.push(cell.trim());
  return cells;
}

const SEPARATOR = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/;

/** Columns a string takes on a terminal: wide for emoji and East Asian characters. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code === 0xfe0f || (code >= 0x300 && code < 0x370) || code === 0x200d) continue;
    width +=
      code >= 0x1f000 || (code >= 0x2600 && code <= 0x27bf) || (code >= 0x1100 && code <= 0x115f) ? 2 : 1;
  }
  return width;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function renderTable(lines: string[], indent: string): string[] {
  const hasHeader = lines.length > 1 && SEPARATOR.test(lines[1].trim());
  const rows = lines.filter((l) => !SEPARATOR.test(l.trim())).map((l) => tableCells(l).map(plainInline));
  // A header of empty cells (a key/value table) is not worth a line.
  const emptyHeader = hasHeader && rows[0].every((c) => c === '');
  if (emptyHeader) rows.shift();
  const columns = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, i) =>
    Math.max(...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const out = rows.map(
    (r) =>
      indent +
      widths
        .map((w, i) => pad(r[i] ?? '', w))
        .join('  ')
        .trimEnd(),
  );
  if (hasHeader && !emptyHeader && rows.length > 1)
    out.splice(1, 0, indent + widths.map((w) => '─'.repeat(w)).join('  '));
  return out;
}

export interface TerminalOptions {
  indent?: string;
  /** Code lines longer than this are cut, with `…` (buildah commands run to 2,000 characters). */
  maxCodeLine?: number;
}

function cut(line: string, max: number | undefined): string {
  return max !== undefined && line.length > max ? `${line.slice(0, max)}…` : line;
}

export function markdownToTerminal(markdown: string, options: TerminalOptions = {}): string {
  const indent = options.indent ?? '';
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence) {
      for (i++; i < lines.length && !lines[i].trim().startsWith(fence[1]); i++)
        out.push(`${indent}    ${cut(lines[i], options.maxCodeLine)}`);
      continue;
    }
    if (line.trim().startsWith('|')) {
      const block: string[] = [];
      for (; i < lines.length && lines[i].trim().startsWith('|'); i++) block.push(lines[i]);
      i--;
      out.push(...renderTable(block, indent));
      continue;
    }
    const heading = /^\s*#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      out.push(`${indent}${plainInline(heading[1])}`);
      continue;
    }
    const summary = /<summary>(.*?)<\/summary>/i.exec(line);
    if (summary) {
      out.push(`${indent}${plainInline(summary[1])}:`);
      continue;
    }
    if (/^\s*<\/?details>\s*$/i.test(line)) continue;
    const bullet = /^(\s*)[-*] (.*)$/.exec(line);
    if (bullet) {
      out.push(`${indent}${bullet[1]}• ${plainInline(bullet[2])}`);
      continue;
    }
    out.push(line.trim() ? `${indent}${plainInline(line)}` : '');
  }
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}
