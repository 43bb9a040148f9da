export const id = 451;
export const ids = [451];
export const modules = {

/***/ 97451:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  scanImage: () => (/* binding */ scanImage)
});

// UNUSED EXPORTS: LayeredFiles, PlatformError, isInteresting, normalizePath, packagesFromFiles, parsePlatform, readLayer, resolveImageManifest

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: ./lib/oci/index.ts + 9 modules
var oci = __webpack_require__(59392);
// EXTERNAL MODULE: ./actions/sbom/src/lockfiles/index.ts + 8 modules
var lockfiles = __webpack_require__(9640);
// EXTERNAL MODULE: ./actions/sbom/src/model.ts
var model = __webpack_require__(52514);
// EXTERNAL MODULE: ./actions/sbom/src/scan.ts
var scan = __webpack_require__(65634);
// EXTERNAL MODULE: ./actions/sbom/src/purl.ts
var purl = __webpack_require__(53562);
// EXTERNAL MODULE: ./actions/sbom/src/lockfiles/types.ts
var types = __webpack_require__(41735);
;// CONCATENATED MODULE: ./actions/sbom/src/image/installed.ts


const NODE_MODULE_MANIFEST = /(^|\/)node_modules\/((?:@[^/]+\/)?[^/@.][^/]*)\/package\.json$/;
const DIST_INFO_METADATA = /(^|\/)[^/]+\.dist-info\/METADATA$/;
/** `files`: path → package.json text, for paths matching NODE_MODULE_MANIFEST. */
function readNodeModules(files) {
    const problems = [];
    const manifests = new Map();
    for (const [path, text] of files) {
        const dir = path.slice(0, -'/package.json'.length);
        let manifest;
        try {
            manifest = JSON.parse(text);
        }
        catch (error) {
            problems.push(`${path}: invalid JSON (${error.message.split(' in JSON')[0]})`);
            continue;
        }
        const name = NODE_MODULE_MANIFEST.exec(path)[2];
        // nested package.json files without a version (e.g. `"type": "module"` markers) are not packages
        if (!manifest.version)
            continue;
        manifests.set(dir, { dir, manifest, name: manifest.name ?? name, version: manifest.version });
    }
    const resolve = (from, dep) => {
        let base = from;
        for (;;) {
            const candidate = `${base}/node_modules/${dep}`;
            if (manifests.has(candidate))
                return candidate;
            const cut = base.lastIndexOf('/node_modules/');
            if (cut < 0) {
                const top = base.lastIndexOf('/');
                if (top < 0)
                    return manifests.has(`node_modules/${dep}`) ? `node_modules/${dep}` : undefined;
                base = base.slice(0, top);
                continue;
            }
            base = base.slice(0, cut);
        }
    };
    const packages = [...manifests.values()].map(({ dir, manifest, name, version }) => ({
        ecosystem: 'npm',
        name,
        version,
        purl: (0,purl/* npmPurl */.NP)(name, version),
        license: (0,types/* licenseText */.B)(manifest.license ?? manifest.licenses),
        hashes: [],
        dependsOn: Object.keys({
            ...manifest.dependencies,
            ...manifest.optionalDependencies,
            ...manifest.peerDependencies,
        })
            .map((dep) => resolve(dir, dep))
            .filter((d) => !!d)
            .map((d) => (0,purl/* npmPurl */.NP)(manifests.get(d).name, manifests.get(d).version)),
        scope: 'required',
        foundIn: dir,
    }));
    return { packages, problems };
}
function metadataHeaders(text) {
    const headers = new Map();
    let last = '';
    for (const line of text.split(/\r?\n/)) {
        if (!line)
            break; // the body (long description) follows the first blank line
        if (/^[ \t]/.test(line) && last) {
            const values = headers.get(last);
            values[values.length - 1] += `\n${line.trim()}`;
            continue;
        }
        const at = line.indexOf(':');
        if (at <= 0)
            continue;
        last = line.slice(0, at);
        headers.set(last, [...(headers.get(last) ?? []), line.slice(at + 1).trim()]);
    }
    return headers;
}
const CLASSIFIER_LICENSES = {
    'MIT License': 'MIT',
    'BSD License': 'BSD-3-Clause',
    'Apache Software License': 'Apache-2.0',
    'ISC License (ISCL)': 'ISC',
    'Python Software Foundation License': 'PSF-2.0',
    'Mozilla Public License 2.0 (MPL 2.0)': 'MPL-2.0',
};
function pythonLicense(headers) {
    const expression = headers.get('License-Expression')?.[0];
    if (expression)
        return expression;
    const license = headers.get('License')?.[0];
    if (license && !license.includes('\n') && license.length < 80 && license !== 'UNKNOWN')
        return license;
    const classifiers = (headers.get('Classifier') ?? [])
        .filter((c) => c.startsWith('License :: '))
        .map((c) => c.split(' :: ').pop());
    const known = classifiers.map((c) => CLASSIFIER_LICENSES[c] ?? c);
    return known.length ? known.join(' OR ') : undefined;
}
function readDistInfo(files) {
    const problems = [];
    const parsed = [...files].map(([path, text]) => ({ path, headers: metadataHeaders(text) }));
    const byName = new Map();
    for (const { path, headers } of parsed) {
        const name = headers.get('Name')?.[0];
        const version = headers.get('Version')?.[0];
        if (!name || !version)
            problems.push(`${path}: no Name or Version header`);
        else
            byName.set((0,purl/* normalizePypiName */.Ty)(name), (0,purl/* pypiPurl */.iC)(name, version));
    }
    const packages = [];
    for (const { path, headers } of parsed) {
        const name = headers.get('Name')?.[0];
        const version = headers.get('Version')?.[0];
        if (!name || !version)
            continue;
        const requires = (headers.get('Requires-Dist') ?? [])
            .filter((r) => !/;\s*.*\bextra\s*==/.test(r))
            .map((r) => (0,purl/* normalizePypiName */.Ty)(/^[A-Za-z0-9._-]+/.exec(r)?.[0] ?? ''))
            .map((n) => byName.get(n))
            .filter((p) => !!p);
        packages.push({
            ecosystem: 'pypi',
            name: (0,purl/* normalizePypiName */.Ty)(name),
            version,
            purl: (0,purl/* pypiPurl */.iC)(name, version),
            license: pythonLicense(headers),
            hashes: [],
            dependsOn: requires,
            scope: 'required',
            foundIn: path.replace(/\/METADATA$/, ''),
        });
    }
    return { packages, problems };
}

;// CONCATENATED MODULE: ./actions/sbom/src/image/debian-copyright.ts
// Licenses from a package's /usr/share/doc/<package>/copyright, when it is in Debian's
// machine-readable format (DEP-5): the short names of its License fields, as one SPDX expression.
const MACHINE_READABLE = /^Format:\s*https?:\/\/(www\.)?debian\.org\/doc\/packaging-manuals\/copyright-format\/1\.0\/?\s*$/;
/** Debian short names whose SPDX id is not the same text (case-insensitive keys). */
const SPDX_BY_DEBIAN_NAME = {
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
function gnuLicense(name) {
    const m = /^(A?GPL|LGPL|GFDL)-(\d)(?:\.(\d))?(\+)?$/i.exec(name);
    if (!m)
        return undefined;
    return `${m[1].toUpperCase()}-${m[2]}.${m[3] ?? '0'}-${m[4] ? 'or-later' : 'only'}`;
}
function spdxName(name) {
    return (gnuLicense(name) ??
        SPDX_BY_DEBIAN_NAME[name.toLowerCase()] ??
        `LicenseRef-${name.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^-|-$/g, '')}`);
}
const expressionByField = new Map();
/** The same few field values recur across hundreds of packages. */
function fieldExpression(value) {
    let expression = expressionByField.get(value);
    if (expression === undefined)
        expressionByField.set(value, (expression = mapField(value)));
    return expression;
}
/** `GPL-2+ or Artistic`, `MIT and BSD-3-clause`: each name mapped; other text kept as one LicenseRef. */
function mapField(value) {
    const names = value
        .replace(/,/g, ' ')
        .trim()
        .split(/\s+(or|and)\s+/i);
    if (names.some((n, i) => i % 2 === 0 && /\s/.test(n)))
        return spdxName(value);
    return names.map((n, i) => (i % 2 ? n.toUpperCase() : spdxName(n))).join(' ');
}
/** The first line that is not blank (a DEP-5 file's is its Format field). */
function firstTextLine(file) {
    for (let start = 0; start < file.length;) {
        const newline = file.indexOf(10, start);
        const end = newline < 0 ? file.length : newline;
        const line = file.toString('utf8', start, end);
        if (line.trim())
            return line.endsWith('\r') ? line.slice(0, -1) : line;
        start = end + 1;
    }
    return '';
}
const FIELD_NAME = 'license:';
const LINE_STARTS_WITH_L = [Buffer.from('\nL'), Buffer.from('\nl')];
/** Where lines that may hold a License field start, in file order (found by native search). */
function candidateLines(file) {
    const starts = (file[0] | 32) === 108 ? [0] : [];
    for (const needle of LINE_STARTS_WITH_L)
        for (let at = file.indexOf(needle); at >= 0; at = file.indexOf(needle, at + 2))
            starts.push(at + 1);
    return starts.sort((a, b) => a - b);
}
/** The value of the License field on the line at `start` (field names are case-insensitive). */
function licenseFieldAt(file, start) {
    for (let i = 1; i < FIELD_NAME.length; i++) {
        const byte = file[start + i];
        const wanted = FIELD_NAME.charCodeAt(i);
        // the letters in either case (| 32 lowers ASCII letters), the colon as it is
        if ((i === FIELD_NAME.length - 1 ? byte : byte | 32) !== wanted)
            return undefined;
    }
    const newline = file.indexOf(10, start);
    let end = newline < 0 ? file.length : newline;
    let from = start + FIELD_NAME.length;
    while (from < end && (file[from] === 32 || file[from] === 9))
        from++;
    while (end > from && (file[end - 1] === 32 || file[end - 1] === 9 || file[end - 1] === 13))
        end--;
    return end > from ? file.toString('utf8', from, end) : undefined;
}
/**
 * The licenses a DEP-5 copyright file states (AND of the distinct ones); undefined otherwise.
 * Works on the bytes: these files are megabytes in an image, and only a few lines matter.
 */
function debianCopyrightLicense(content) {
    const file = typeof content === 'string' ? Buffer.from(content) : content;
    if (!MACHINE_READABLE.test(firstTextLine(file)))
        return undefined;
    const terms = new Set();
    for (const start of candidateLines(file)) {
        const value = licenseFieldAt(file, start);
        if (value === undefined)
            continue;
        const expression = fieldExpression(value);
        if (expression.includes(' OR '))
            terms.add(`(${expression})`);
        else
            for (const term of expression.split(' AND '))
                terms.add(term);
    }
    const all = [...terms];
    if (!all.length)
        return undefined;
    return all.length === 1 ? all[0].replace(/^\((.*)\)$/, '$1') : all.join(' AND ');
}

;// CONCATENATED MODULE: ./actions/sbom/src/image/os-packages.ts
// OS package databases: dpkg (`/var/lib/dpkg/status`, `status.d/`) and apk (`/lib/apk/db/installed`).


function parseOsRelease(text) {
    const fields = {};
    for (const line of text.split(/\r?\n/)) {
        const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
        if (m)
            fields[m[1]] = m[2].replace(/^["'](.*)["']$/, '$1');
    }
    return { id: (fields.ID ?? 'linux').toLowerCase(), versionId: fields.VERSION_ID };
}
/**
 * RFC 822-style paragraphs separated by blank lines; continuation lines start with a space.
 * Continuation lines are joined only for the fields in `multiline` (dpkg's long Description and
 * Conffiles are most of its status file and are never read).
 */
function paragraphs(file, text, multiline) {
    const out = [];
    let current;
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
            if (!current || !last)
                throw new model/* LockfileError */.g(file, index + 1, 'continuation line outside a field');
            if (multiline.has(last))
                current.fields[last] += `\n${raw.trim()}`;
            continue;
        }
        const at = raw.indexOf(':');
        if (at <= 0)
            throw new model/* LockfileError */.g(file, index + 1, `expected 'Field: value', got '${raw.slice(0, 60)}'`);
        if (!current)
            out.push((current = { fields: {}, line: index + 1 }));
        last = raw.slice(0, at);
        current.fields[last] = raw.slice(at + 1).trim();
    }
    return out;
}
const DPKG_MULTILINE = new Set(['Depends', 'Pre-Depends', 'Provides']);
const APK_MULTILINE = new Set();
/** A package's purl is built once, not again for every package that depends on it. */
function oncePer(build) {
    const built = new WeakMap();
    return (entry) => {
        let text = built.get(entry);
        if (text === undefined)
            built.set(entry, (text = build(entry)));
        return text;
    };
}
/** `a (>= 1), b | c:any, d` → names (first alternative of each). */
function dependencyNames(field) {
    if (!field)
        return [];
    return field
        .split(',')
        .map((part) => part
        .split('|')[0]
        .trim()
        .split(/[\s(:]/)[0])
        .filter(Boolean);
}
function readDpkgStatus(file, text, os) {
    const installed = paragraphs(file, text, DPKG_MULTILINE).filter((p) => {
        if (!p.fields.Package)
            throw new model/* LockfileError */.g(file, p.line, 'a paragraph has no Package field');
        const status = p.fields.Status;
        // status.d files (distroless) have no Status field: everything listed is installed
        return status === undefined || /\binstalled$/.test(status);
    });
    const namespace = os?.id ?? 'debian';
    const distro = os?.versionId ? `${os.id}-${os.versionId}` : undefined;
    const debPurl = oncePer((p) => (0,purl/* purl */.EV)('deb', namespace, p.fields.Package, p.fields.Version, { arch: p.fields.Architecture, distro }));
    const byName = new Map();
    for (const p of installed) {
        if (!p.fields.Version)
            throw new model/* LockfileError */.g(file, p.line, `package '${p.fields.Package}' has no Version`);
        byName.set(p.fields.Package, p);
        for (const provided of dependencyNames(p.fields.Provides))
            if (!byName.has(provided))
                byName.set(provided, p);
    }
    return installed.map((p) => ({
        ecosystem: 'deb',
        name: p.fields.Package,
        version: p.fields.Version,
        purl: debPurl(p),
        hashes: [],
        dependsOn: [...dependencyNames(p.fields['Pre-Depends']), ...dependencyNames(p.fields.Depends)]
            .map((n) => byName.get(n))
            .filter((d) => !!d && d !== p)
            .map(debPurl),
        scope: 'required',
        foundIn: file,
    }));
}
function readApkInstalled(file, text, os) {
    // apk uses `X:value` lines; map them into the same paragraph reader
    const entries = paragraphs(file, text, APK_MULTILINE);
    const distro = os?.versionId ? `${os.id}-${os.versionId}` : undefined;
    const apkPurl = oncePer((f) => (0,purl/* purl */.EV)('apk', os?.id ?? 'alpine', f.P, f.V, { arch: f.A, distro }));
    const provider = new Map();
    for (const { fields, line } of entries) {
        if (!fields.P || !fields.V)
            throw new model/* LockfileError */.g(file, line, 'an entry has no P: (name) or V: (version)');
        provider.set(fields.P, fields);
        for (const p of (fields.p ?? '').split(/\s+/).filter(Boolean))
            provider.set(p.split('=')[0], fields);
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
            .filter((d) => !!d && d !== fields)
            .map(apkPurl),
        scope: 'required',
        foundIn: file,
    }));
}

;// CONCATENATED MODULE: ./actions/sbom/src/image/tar.ts
// A streaming tar reader (ustar, GNU long names, PAX headers). Entries are announced by header;
// only the ones the caller wants are buffered, the rest are skipped as they stream past.
class TarError extends Error {
    constructor(reason) {
        super(`corrupt tar stream: ${reason}`);
        this.name = 'TarError';
    }
}
function tar_text(block, start, length) {
    const end = block.indexOf(0, start);
    return block.toString('utf8', start, end >= 0 && end < start + length ? end : start + length);
}
function octal(block, start, length) {
    // base-256 for values too large for octal (high bit of the first byte set)
    if (block[start] & 0x80) {
        let value = block[start] & 0x7f;
        for (let i = start + 1; i < start + length; i++)
            value = value * 256 + block[i];
        return value;
    }
    const digits = tar_text(block, start, length).trim();
    return digits ? parseInt(digits, 8) : 0;
}
function checksumOk(block) {
    let sum = 0;
    for (let i = 0; i < 512; i++)
        sum += i >= 148 && i < 156 ? 32 : block[i];
    return sum === octal(block, 148, 8);
}
function paxRecords(data) {
    const records = {};
    let pos = 0;
    while (pos < data.length) {
        const space = data.indexOf(32, pos);
        if (space < 0)
            break;
        const length = Number(data.toString('utf8', pos, space));
        if (!length)
            break;
        const record = data.toString('utf8', space + 1, pos + length - 1);
        const eq = record.indexOf('=');
        if (eq > 0)
            records[record.slice(0, eq)] = record.slice(eq + 1);
        pos += length;
    }
    return records;
}
class TarReader {
    wants;
    onFile;
    onEntry;
    pending = [];
    pendingBytes = 0;
    state = 'header';
    remaining = 0;
    padding = 0;
    header;
    collecting;
    meta;
    longPath;
    longLink;
    pax = {};
    zeroBlocks = 0;
    constructor(
    /** Returns true to receive the entry's content in onFile. */
    wants, 
    /** `content` may be a view of the stream's chunk, valid during the call: copy what you keep. */
    onFile, onEntry = () => { }) {
        this.wants = wants;
        this.onFile = onFile;
        this.onEntry = onEntry;
    }
    take(n) {
        const joined = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
        this.pending = joined.length > n ? [joined.subarray(n)] : [];
        this.pendingBytes = joined.length - n;
        return joined.subarray(0, n);
    }
    push(chunk) {
        let offset = 0;
        while (offset < chunk.length && this.state !== 'end') {
            if (this.state === 'data' || this.state === 'padding') {
                const n = Math.min(this.state === 'data' ? this.remaining : this.padding, chunk.length - offset);
                if (this.state === 'data') {
                    this.collecting?.push(chunk.subarray(offset, offset + n));
                    this.remaining -= n;
                    if (this.remaining === 0)
                        this.finishEntry();
                }
                else {
                    this.padding -= n;
                    if (this.padding === 0)
                        this.state = 'header';
                }
                offset += n;
                continue;
            }
            const n = Math.min(512 - this.pendingBytes, chunk.length - offset);
            this.pending.push(chunk.subarray(offset, offset + n));
            this.pendingBytes += n;
            offset += n;
            if (this.pendingBytes === 512)
                this.readHeader(this.take(512));
        }
    }
    readHeader(block) {
        if (block.every((b) => b === 0)) {
            if (++this.zeroBlocks >= 2)
                this.state = 'end';
            return;
        }
        this.zeroBlocks = 0;
        if (!checksumOk(block))
            throw new TarError('header checksum mismatch');
        const type = String.fromCharCode(block[156] || 48);
        const isMeta = type === 'L' || type === 'K' || type === 'x' || type === 'g';
        const size = isMeta ? octal(block, 124, 12) : Number(this.pax.size ?? octal(block, 124, 12));
        const magic = block.toString('latin1', 257, 262);
        const prefix = magic === 'ustar' ? tar_text(block, 345, 155) : '';
        const name = tar_text(block, 0, 100);
        this.remaining = size;
        this.padding = (512 - (size % 512)) % 512;
        if (isMeta) {
            this.meta = type;
            this.collecting = [];
            this.header = { path: name, type, size, linkPath: '' };
            if (size === 0)
                this.finishEntry();
            else
                this.state = 'data';
            return;
        }
        const header = {
            path: this.pax.path ?? this.longPath ?? (prefix ? `${prefix}/${name}` : name),
            type,
            size: type === '5' || type === '1' || type === '2' ? 0 : size,
            linkPath: this.pax.linkpath ?? this.longLink ?? tar_text(block, 157, 100),
        };
        this.pax = {};
        this.longPath = this.longLink = undefined;
        this.meta = undefined;
        this.header = header;
        this.onEntry(header);
        this.collecting = header.type !== '5' && this.wants(header) ? [] : undefined;
        if (this.remaining === 0)
            this.finishEntry();
        else
            this.state = 'data';
    }
    finishEntry() {
        const pieces = this.collecting;
        const content = pieces && (pieces.length === 1 ? pieces[0] : Buffer.concat(pieces));
        this.collecting = undefined;
        if (this.meta && content) {
            if (this.meta === 'L')
                this.longPath = content.toString('utf8').replace(/\0+$/, '');
            else if (this.meta === 'K')
                this.longLink = content.toString('utf8').replace(/\0+$/, '');
            else if (this.meta === 'x')
                this.pax = paxRecords(content);
        }
        else if (content && this.header)
            this.onFile(this.header, content);
        this.state = this.padding ? 'padding' : 'header';
    }
    /** Call when the stream ends: a tar that stops inside an entry is corrupt. */
    end() {
        if (this.state === 'data' || this.pendingBytes > 0)
            throw new TarError('the stream ended inside an entry');
    }
}

;// CONCATENATED MODULE: ./actions/sbom/src/image/image.ts
// Reads an image straight from its registry: manifest (or index → platform), then each layer
// streamed once through gunzip/zstd and the tar reader, keeping only the files that list packages.













const MAX_FILE_BYTES = 64 * 1024 * 1024;
const DEBIAN_COPYRIGHT = /^usr\/share\/doc\/[^/]+\/copyright$/;
/** Files worth reading, by path inside the image (no leading slash). */
function isInteresting(path) {
    if (path === 'var/lib/dpkg/status' || path.startsWith('var/lib/dpkg/status.d/'))
        return true;
    if (DEBIAN_COPYRIGHT.test(path))
        return true;
    if (path === 'lib/apk/db/installed' || path === 'etc/os-release' || path === 'usr/lib/os-release')
        return true;
    if (NODE_MODULE_MANIFEST.test(path) || DIST_INFO_METADATA.test(path))
        return true;
    if (path.includes('node_modules/'))
        return false;
    const name = (0,external_node_path_.basename)(path);
    return !!(0,lockfiles/* readerFor */.d)(name) || name === 'package.json' || name === 'go.sum';
}
function normalizePath(path) {
    return path.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
}
/** The image's filesystem, reduced to interesting files, with whiteouts applied layer by layer. */
class LayeredFiles {
    files = new Map();
    layer = 0;
    removeLower(prefix, includeSelf) {
        for (const [path, file] of this.files)
            if (file.layer < this.layer && ((includeSelf && path === prefix) || path.startsWith(`${prefix}/`)))
                this.files.delete(path);
    }
    entry(header) {
        const path = normalizePath(header.path);
        const name = (0,external_node_path_.basename)(path);
        if (name === '.wh..wh..opq')
            this.removeLower((0,external_node_path_.dirname)(path), false);
        else if (name.startsWith('.wh.'))
            this.removeLower(`${(0,external_node_path_.dirname)(path) === '.' ? '' : `${(0,external_node_path_.dirname)(path)}/`}${name.slice(4)}`, true);
        else if (header.type !== '0' && header.type !== '7') {
            // a directory, link or device replaces whatever regular file a lower layer had there
            const seen = this.files.get(path);
            if (seen && seen.layer < this.layer && header.type !== '5')
                this.files.delete(path);
        }
    }
    wants(header) {
        return ((header.type === '0' || header.type === '7') &&
            header.size <= MAX_FILE_BYTES &&
            isInteresting(normalizePath(header.path)));
    }
    add(header, content) {
        const path = normalizePath(header.path);
        this.files.set(path, DEBIAN_COPYRIGHT.test(path)
            ? { layer: this.layer, license: debianCopyrightLicense(content) }
            : { layer: this.layer, content: Buffer.from(content) });
    }
    get(path) {
        return this.files.get(path)?.content?.toString('utf8');
    }
    /** The license /usr/share/doc/<name>/copyright states, if it is machine-readable. */
    debianLicense(name) {
        return this.files.get(`usr/share/doc/${name}/copyright`)?.license;
    }
    paths() {
        return [...this.files.keys()].sort();
    }
}
// zlib's default 16 KiB output chunks made a layer thousands of small buffers (GC time)
const CHUNK_BYTES = 512 * 1024;
function decompressor(mediaType) {
    if (/zstd/.test(mediaType))
        return (0,external_node_zlib_.createZstdDecompress)({ chunkSize: CHUNK_BYTES });
    if (/gzip/.test(mediaType))
        return (0,external_node_zlib_.createGunzip)({ chunkSize: CHUNK_BYTES });
    return undefined;
}
async function readLayer(stream, mediaType, files) {
    const tar = new TarReader((h) => files.wants(h), (h, content) => files.add(h, content), (h) => files.entry(h));
    const sink = async (source) => {
        for await (const chunk of source)
            tar.push(chunk);
        tar.end();
    };
    const unzip = decompressor(mediaType);
    const input = external_node_stream_.Readable.fromWeb(stream);
    if (unzip)
        await (0,promises_.pipeline)(input, unzip, sink);
    else
        await (0,promises_.pipeline)(input, sink);
}
class PlatformError extends Error {
}
function platformMatches(descriptor, platform) {
    const p = descriptor.platform;
    return (!!p &&
        p.os === platform.os &&
        p.architecture === platform.architecture &&
        (!platform.variant || p.variant === platform.variant));
}
async function resolveImageManifest(client, ref, platform) {
    const top = await client.getManifest(ref.repository, ref.digest ?? ref.tag ?? 'latest');
    if (!(0,oci/* isIndexType */.$U)(top.mediaType) && !('manifests' in top.json))
        return { digest: top.digest, manifest: top.json, referenceDigest: top.digest };
    const index = top.json;
    const chosen = index.manifests.find((m) => platformMatches(m, platform));
    if (!chosen) {
        const available = index.manifests
            .filter((m) => m.platform && m.platform.os !== 'unknown')
            .map((m) => [m.platform.os, m.platform.architecture, m.platform.variant].filter(Boolean).join('/'));
        throw new PlatformError(`${(0,oci/* imageName */.tO)(ref)} has no ${[platform.os, platform.architecture, platform.variant].filter(Boolean).join('/')} image (it has: ${available.join(', ') || 'none'}); set the 'platform' input`);
    }
    const manifest = await client.getManifest(ref.repository, chosen.digest);
    return {
        digest: manifest.digest,
        manifest: manifest.json,
        referenceDigest: top.digest,
    };
}
/** Reads the packages out of the collected files. */
function packagesFromFiles(files) {
    const osRelease = files.get('etc/os-release') ?? files.get('usr/lib/os-release');
    const os = osRelease ? parseOsRelease(osRelease) : undefined;
    const results = [];
    const single = (file, kind, packages) => results.push({ file, kind, packages, directDependencies: [], unpinned: [] });
    const paths = files.paths();
    const dpkg = paths.filter((p) => p === 'var/lib/dpkg/status' || p.startsWith('var/lib/dpkg/status.d/'));
    for (const path of dpkg) {
        // status.d also holds *.md5sums files; only control paragraphs describe packages
        if (path.endsWith('.md5sums'))
            continue;
        const packages = readDpkgStatus(`/${path}`, files.get(path), os).map((p) => ({
            ...p,
            license: p.license ?? files.debianLicense(p.name),
        }));
        single(`/${path}`, 'dpkg', packages);
    }
    const apk = files.get('lib/apk/db/installed');
    if (apk !== undefined)
        single('/lib/apk/db/installed', 'apk', readApkInstalled('/lib/apk/db/installed', apk, os));
    const problems = [];
    const nodeFiles = new Map(paths.filter((p) => NODE_MODULE_MANIFEST.test(p)).map((p) => [p, files.get(p)]));
    if (nodeFiles.size) {
        const node = readNodeModules(nodeFiles);
        problems.push(...node.problems);
        single('node_modules', 'node_modules', node.packages.map((p) => ({ ...p, foundIn: `/${p.foundIn}` })));
    }
    const distFiles = new Map(paths.filter((p) => DIST_INFO_METADATA.test(p)).map((p) => [p, files.get(p)]));
    if (distFiles.size) {
        const python = readDistInfo(distFiles);
        problems.push(...python.problems);
        single('site-packages', 'python dist-info', python.packages.map((p) => ({ ...p, foundIn: `/${p.foundIn}` })));
    }
    for (const path of paths) {
        if (path.includes('node_modules/'))
            continue;
        const reader = (0,lockfiles/* readerFor */.d)((0,external_node_path_.basename)(path));
        if (!reader)
            continue;
        const dir = (0,external_node_path_.dirname)(path);
        results.push(reader({
            file: `/${path}`,
            text: files.get(path),
            readSibling: (name) => files.get(dir === '.' ? name : `${dir}/${name}`),
        }));
    }
    if (problems.length)
        throw new model/* LockfileError */.g(problems[0].split(':')[0], undefined, problems.join('; '));
    return (0,scan/* combine */.kg)(results, []);
}
async function scanImage(client, ref, platform) {
    const choice = await resolveImageManifest(client, ref, platform);
    const files = new LayeredFiles();
    for (const [i, layer] of choice.manifest.layers.entries()) {
        files.layer = i;
        await readLayer(await client.getBlob(ref.repository, layer.digest), layer.mediaType, files);
    }
    return {
        ...packagesFromFiles(files),
        digest: choice.digest,
        referenceDigest: choice.referenceDigest,
        layers: choice.manifest.layers.length,
    };
}


/***/ })

};

//# sourceMappingURL=451.index.js.map