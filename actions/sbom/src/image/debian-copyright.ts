// Licenses from a package's /usr/share/doc/<package>/copyright, when it is in Debian's
// machine-readable format (DEP-5): the short names of its License fields, as one SPDX expression.

const MACHINE_READABLE =
  /^Format:\s*https?:\/\/(www\.)?debian\.org\/doc\/packaging-manuals\/copyright-format\/1\.0\/?\s*$/;

/** Debian short names whose SPDX id is not the same text (case-insensitive keys). */
const SPDX_BY_DEBIAN_NAME: Record<string, string> = {
  expat: 'MIT',
  mit: 'MIT',
  'bsd-2-clause': 'BSD-2-Clause',
  'bsd-3-clause': 'BSD-3-Clause',
  'bsd-4-clause': 'BSD-4-Clause',
  isc: 'ISC',
  zlib: 'Zlib',
  'apache-2.0': 'Apache-2.0',
  artistic: 'Artistic-1.0-Perl',
  'artistic-1.0': 'Artistic-1.0-Perl',
  'artistic-2.0': 'Artistic-2.0',
  'mpl-1.1': 'MPL-1.1',
  'mpl-2.0': 'MPL-2.0',
  'cc0-1.0': 'CC0-1.0',
  'psf-2': 'PSF-2.0',
  'python-2.0': 'Python-2.0',
  'bsl-1.0': 'BSL-1.0',
  openssl: 'OpenSSL',
  curl: 'curl',
  x11: 'X11',
  fsfap: 'FSFAP',
  fsful: 'FSFUL',
  fsfullr: 'FSFULLR',
  unlicense: 'Unlicense',
  'unicode-dfs-2016': 'Unicode-DFS-2016',
  'sil-1.1': 'OFL-1.1',
  'ofl-1.1': 'OFL-1.1',
  'lgpl-2.0': 'LGPL-2.0-only',
  'afl-2.1': 'AFL-2.1',
  'bsd-1-clause': 'BSD-1-Clause',
  'mit-x11': 'MIT',
  // no version stated: any version (Debian's copyright-format spec)
  gpl: 'GPL-1.0-or-later',
  lgpl: 'LGPL-2.0-or-later',
};

/** GPL-2 → GPL-2.0-only, LGPL-2.1+ → LGPL-2.1-or-later, GFDL-1.3+ → GFDL-1.3-or-later. */
function gnuLicense(name: string): string | undefined {
  const m = /^(A?GPL|LGPL|GFDL)-(\d)(?:\.(\d))?(\+)?$/i.exec(name);
  if (!m) return undefined;
  return `${m[1].toUpperCase()}-${m[2]}.${m[3] ?? '0'}-${m[4] ? 'or-later' : 'only'}`;
}

function spdxName(name: string): string {
  return (
    gnuLicense(name) ??
    SPDX_BY_DEBIAN_NAME[name.toLowerCase()] ??
    `LicenseRef-${name.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^-|-$/g, '')}`
  );
}

const expressionByField = new Map<string, string>();

/** The same few field values recur across hundreds of packages. */
function fieldExpression(value: string): string {
  let expression = expressionByField.get(value);
  if (expression === undefined) expressionByField.set(value, (expression = mapField(value)));
  return expression;
}

/** `GPL-2+ or Artistic`, `MIT and BSD-3-clause`: each name mapped; other text kept as one LicenseRef. */
function mapField(value: string): string {
  const names = value
    .replace(/,/g, ' ')
    .trim()
    .split(/\s+(or|and)\s+/i);
  if (names.some((n, i) => i % 2 === 0 && /\s/.test(n))) return spdxName(value);
  return names.map((n, i) => (i % 2 ? n.toUpperCase() : spdxName(n))).join(' ');
}

/** The first line that is not blank (a DEP-5 file's is its Format field). */
function firstTextLine(file: Buffer): string {
  for (let start = 0; start < file.length;) {
    const newline = file.indexOf(10, start);
    const end = newline < 0 ? file.length : newline;
    const line = file.toString('utf8', start, end);
    if (line.trim()) return line.endsWith('\r') ? line.slice(0, -1) : line;
    start = end + 1;
  }
  return '';
}

const FIELD_NAME = 'license:';
const LINE_STARTS_WITH_L = [Buffer.from('\nL'), Buffer.from('\nl')];

/** Where lines that may hold a License field start, in file order (found by native search). */
function candidateLines(file: Buffer): number[] {
  const starts = (file[0] | 32) === 108 ? [0] : [];
  for (const needle of LINE_STARTS_WITH_L)
    for (let at = file.indexOf(needle); at >= 0; at = file.indexOf(needle, at + 2)) starts.push(at + 1);
  return starts.sort((a, b) => a - b);
}

/** The value of the License field on the line at `start` (field names are case-insensitive). */
function licenseFieldAt(file: Buffer, start: number): string | undefined {
  for (let i = 1; i < FIELD_NAME.length; i++) {
    const byte = file[start + i];
    const wanted = FIELD_NAME.charCodeAt(i);
    // the letters in either case (| 32 lowers ASCII letters), the colon as it is
    if ((i === FIELD_NAME.length - 1 ? byte : byte | 32) !== wanted) return undefined;
  }
  const newline = file.indexOf(10, start);
  let end = newline < 0 ? file.length : newline;
  let from = start + FIELD_NAME.length;
  while (from < end && (file[from] === 32 || file[from] === 9)) from++;
  while (end > from && (file[end - 1] === 32 || file[end - 1] === 9 || file[end - 1] === 13)) end--;
  return end > from ? file.toString('utf8', from, end) : undefined;
}

/**
 * The licenses a DEP-5 copyright file states (AND of the distinct ones); undefined otherwise.
 * Works on the bytes: these files are megabytes in an image, and only a few lines matter.
 */
export function debianCopyrightLicense(content: Buffer | string): string | undefined {
  const file = typeof content === 'string' ? Buffer.from(content) : content;
  if (!MACHINE_READABLE.test(firstTextLine(file))) return undefined;
  const terms = new Set<string>();
  for (const start of candidateLines(file)) {
    const value = licenseFieldAt(file, start);
    if (value === undefined) continue;
    const expression = fieldExpression(value);
    if (expression.includes(' OR ')) terms.add(`(${expression})`);
    else for (const term of expression.split(' AND ')) terms.add(term);
  }
  const all = [...terms];
  if (!all.length) return undefined;
  return all.length === 1 ? all[0].replace(/^\((.*)\)$/, '$1') : all.join(' AND ');
}
