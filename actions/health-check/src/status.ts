// `expected-status`: a list of codes, ranges and classes such as `200`, `200-299,304` or `2xx`.

export interface StatusRange {
  from: number;
  to: number;
}

export interface StatusSet {
  text: string;
  ranges: StatusRange[];
}

const CODE = /^[1-5]\d\d$/;

function parsePart(part: string): StatusRange | undefined {
  const cls = /^([1-5])xx$/i.exec(part);
  if (cls) return { from: Number(cls[1]) * 100, to: Number(cls[1]) * 100 + 99 };
  const [from, to = from, ...rest] = part.split('-').map((s) => s.trim());
  if (rest.length || !CODE.test(from) || !CODE.test(to) || Number(from) > Number(to)) return undefined;
  return { from: Number(from), to: Number(to) };
}

/** Undefined when any part is not a code (100-599), an ascending range of codes, or a class. */
export function parseStatusSet(text: string): StatusSet | undefined {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  if (!parts.length) return undefined;
  const ranges: StatusRange[] = [];
  for (const part of parts) {
    const range = parsePart(part);
    if (!range) return undefined;
    ranges.push(range);
  }
  return { text: parts.join(','), ranges };
}

export function statusMatches(set: StatusSet, status: number): boolean {
  return set.ranges.some((r) => status >= r.from && status <= r.to);
}
