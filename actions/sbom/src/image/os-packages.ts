// OS package databases: dpkg (`/var/lib/dpkg/status`, `status.d/`) and apk (`/lib/apk/db/installed`).
import { LockfileError, type Package } from '../model.js';
import { purl } from '../purl.js';

export interface OsRelease {
  id: string;
  versionId?: string;
}

export function parseOsRelease(text: string): OsRelease {
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) fields[m[1]] = m[2].replace(/^["'](.*)["']$/, '$1');
  }
  return { id: (fields.ID ?? 'linux').toLowerCase(), versionId: fields.VERSION_ID };
}

interface Paragraph {
  fields: Record<string, string>;
  line: number;
}

/**
 * RFC 822-style paragraphs separated by blank lines; continuation lines start with a space.
 * Continuation lines are joined only for the fields in `multiline` (dpkg's long Description and
 * Conffiles are most of its status file and are never read).
 */
function paragraphs(file: string, text: string, multiline: ReadonlySet<string>): Paragraph[] {
  const out: Paragraph[] = [];
  let current: Paragraph | undefined;
  let last = '';
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index].endsWith('\r') ? lines[index].slice(0, -1) : lines[index];
    const first = raw.charCodeAt(0);
    const indented = first === 32 || first === 9;
    if (!raw.length || (indented && !raw.trim())) {
      current = undefined;
      continue;
    }
    if (indented) {
      if (!current || !last) throw new LockfileError(file, index + 1, 'continuation line outside a field');
      if (multiline.has(last)) current.fields[last] += `\n${raw.trim()}`;
      continue;
    }
    const at = raw.indexOf(':');
    if (at <= 0)
      throw new LockfileError(file, index + 1, `expected 'Field: value', got '${raw.slice(0, 60)}'`);
    if (!current) out.push((current = { fields: {}, line: index + 1 }));
    last = raw.slice(0, at);
    current.fields[last] = raw.slice(at + 1).trim();
  }
  return out;
}

const DPKG_MULTILINE = new Set(['Depends', 'Pre-Depends', 'Provides']);
const APK_MULTILINE = new Set<string>();

/** A package's purl is built once, not again for every package that depends on it. */
function oncePer<T extends object>(build: (entry: T) => string): (entry: T) => string {
  const built = new WeakMap<T, string>();
  return (entry) => {
    let text = built.get(entry);
    if (text === undefined) built.set(entry, (text = build(entry)));
    return text;
  };
}

/** `a (>= 1), b | c:any, d` → names (first alternative of each). */
function dependencyNames(field: string | undefined): string[] {
  if (!field) return [];
  return field
    .split(',')
    .map(
      (part) =>
        part
          .split('|')[0]
          .trim()
          .split(/[\s(:]/)[0],
    )
    .filter(Boolean);
}

export function readDpkgStatus(file: string, text: string, os: OsRelease | undefined): Package[] {
  const installed = paragraphs(file, text, DPKG_MULTILINE).filter((p) => {
    if (!p.fields.Package) throw new LockfileError(file, p.line, 'a paragraph has no Package field');
    const status = p.fields.Status;
    // status.d files (distroless) have no Status field: everything listed is installed
    return status === undefined || /\binstalled$/.test(status);
  });
  const namespace = os?.id ?? 'debian';
  const distro = os?.versionId ? `${os.id}-${os.versionId}` : undefined;
  const debPurl = oncePer((p: Paragraph) =>
    purl('deb', namespace, p.fields.Package, p.fields.Version, { arch: p.fields.Architecture, distro }),
  );
  const byName = new Map<string, Paragraph>();
  for (const p of installed) {
    if (!p.fields.Version)
      throw new LockfileError(file, p.line, `package '${p.fields.Package}' has no Version`);
    byName.set(p.fields.Package, p);
    for (const provided of dependencyNames(p.fields.Provides))
      if (!byName.has(provided)) byName.set(provided, p);
  }
  return installed.map((p) => ({
    ecosystem: 'deb',
    name: p.fields.Package,
    version: p.fields.Version,
    purl: debPurl(p),
    hashes: [],
    dependsOn: [...dependencyNames(p.fields['Pre-Depends']), ...dependencyNames(p.fields.Depends)]
      .map((n) => byName.get(n))
      .filter((d): d is Paragraph => !!d && d !== p)
      .map(debPurl),
    scope: 'required',
    foundIn: file,
  }));
}

export function readApkInstalled(file: string, text: string, os: OsRelease | undefined): Package[] {
  // apk uses `X:value` lines; map them into the same paragraph reader
  const entries = paragraphs(file, text, APK_MULTILINE);
  const distro = os?.versionId ? `${os.id}-${os.versionId}` : undefined;
  const apkPurl = oncePer((f: Record<string, string>) =>
    purl('apk', os?.id ?? 'alpine', f.P, f.V, { arch: f.A, distro }),
  );
  const provider = new Map<string, Record<string, string>>();
  for (const { fields, line } of entries) {
    if (!fields.P || !fields.V)
      throw new LockfileError(file, line, 'an entry has no P: (name) or V: (version)');
    provider.set(fields.P, fields);
    for (const p of (fields.p ?? '').split(/\s+/).filter(Boolean)) provider.set(p.split('=')[0], fields);
  }
  return entries.map(({ fields }) => ({
    ecosystem: 'apk',
    name: fields.P,
    version: fields.V,
    purl: apkPurl(fields),
    license: fields.L,
    hashes: [],
    dependsOn: (fields.D ?? '')
      .split(/\s+/)
      .filter((d) => d && !d.startsWith('!'))
      .map((d) => provider.get(d.split(/[=<>~]/)[0]))
      .filter((d): d is Record<string, string> => !!d && d !== fields)
      .map(apkPurl),
    scope: 'required',
    foundIn: file,
  }));
}
