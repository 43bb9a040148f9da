// Go (go.mod + go.sum), Rust (Cargo.lock), Ruby (Gemfile.lock), PHP (composer.lock).
import { hexFromBase64, LockfileError, parseJsonFile, type Hash, type Package } from '../model.js';
import { composerPurl, golangPurl, purl } from '../purl.js';
import { parseTomlFile, type TomlTable } from './toml.js';
import { licenseText, result, type LockfileReader } from './types.js';

function pkg(partial: Omit<Package, 'hashes' | 'dependsOn' | 'scope'> & Partial<Package>): Package {
  return { hashes: [], dependsOn: [], scope: 'required', ...partial };
}

/** go.sum `h1:` hashes (SHA-256 of the module's file tree) by `module@version`. */
function goSumHashes(goSum: string | undefined): Map<string, Hash> {
  const hashes = new Map<string, Hash>();
  for (const line of (goSum ?? '').split(/\r?\n/)) {
    const m = /^(\S+)\s+(v\S+?)\s+h1:(\S+)$/.exec(line.trim());
    if (m) hashes.set(`${m[1]}@${m[2]}`, { algorithm: 'SHA-256', content: hexFromBase64(m[3]) });
  }
  return hashes;
}

export const readGoMod: LockfileReader = ({ file, text, readSibling }) => {
  const hashes = goSumHashes(readSibling('go.sum'));
  const required: { path: string; version: string; line: number; indirect: boolean }[] = [];
  const replaced = new Map<string, { path: string; version?: string }>();
  let block: string | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const comment = raw.indexOf('//');
    const indirect = comment >= 0 && /\/\/\s*indirect\b/.test(raw);
    const content = (comment >= 0 ? raw.slice(0, comment) : raw).trim();
    if (!content) return;
    if (block) {
      if (content === ')') return void (block = undefined);
      return directive(block, content, line, indirect);
    }
    const m = /^(\w+)\s*(.*)$/.exec(content);
    if (!m) throw new LockfileError(file, line, `unexpected '${content}'`);
    if (m[2] === '(') block = m[1];
    else directive(m[1], m[2], line, indirect);
  });
  function directive(verb: string, args: string, line: number, indirect: boolean) {
    const words = args.split(/\s+/).map((w) => w.replace(/^"(.*)"$/, '$1'));
    if (verb === 'require') {
      if (words.length !== 2 || !/^v\d/.test(words[1]))
        throw new LockfileError(file, line, `expected 'module vX.Y.Z', got '${args}'`);
      required.push({ path: words[0], version: words[1], line, indirect });
    } else if (verb === 'replace') {
      const arrow = words.indexOf('=>');
      if (arrow < 1) throw new LockfileError(file, line, `expected 'old => new', got '${args}'`);
      replaced.set(words[0], { path: words[arrow + 1], version: words[arrow + 2] });
    }
  }
  const packages: Package[] = [];
  const direct: string[] = [];
  for (const req of required) {
    const replacement = replaced.get(req.path);
    // a replacement by a local directory is part of the source tree, not a module download
    if (replacement && !replacement.version) continue;
    const path = replacement?.path ?? req.path;
    const version = replacement?.version ?? req.version;
    const hash = hashes.get(`${path}@${version}`);
    packages.push(
      pkg({
        ecosystem: 'golang',
        name: path,
        version,
        purl: golangPurl(path, version),
        hashes: hash ? [hash] : [],
        foundIn: file,
      }),
    );
    if (!req.indirect) direct.push(packages[packages.length - 1].purl);
  }
  return result(file, 'go modules', { packages, directDependencies: direct });
};

export const readCargoLock: LockfileReader = ({ file, text }) => {
  const doc = parseTomlFile(file, text);
  const tables = (Array.isArray(doc.package) ? doc.package : []) as TomlTable[];
  const byName = new Map<string, TomlTable[]>();
  for (const t of tables) {
    if (typeof t.name !== 'string' || typeof t.version !== 'string')
      throw new LockfileError(file, undefined, 'a [[package]] has no name or version');
    byName.set(t.name, [...(byName.get(t.name) ?? []), t]);
  }
  const cratePurl = (t: TomlTable) => purl('cargo', undefined, String(t.name), String(t.version));
  const resolve = (dep: string) => {
    const [name, version] = dep.split(' ');
    const candidates = byName.get(name) ?? [];
    const match = version ? candidates.find((t) => t.version === version) : candidates[0];
    return match && match.source !== undefined ? cratePurl(match) : undefined;
  };
  const packages: Package[] = [];
  const direct = new Set<string>();
  for (const t of tables) {
    const deps = ((t.dependencies ?? []) as string[]).map(resolve).filter((p): p is string => !!p);
    // packages without a source are the workspace's own crates
    if (t.source === undefined) {
      deps.forEach((d) => direct.add(d));
      continue;
    }
    packages.push(
      pkg({
        ecosystem: 'cargo',
        name: String(t.name),
        version: String(t.version),
        purl: cratePurl(t),
        hashes: typeof t.checksum === 'string' ? [{ algorithm: 'SHA-256', content: t.checksum }] : [],
        dependsOn: deps,
        foundIn: file,
      }),
    );
  }
  return result(file, 'cargo', { packages, directDependencies: [...direct] });
};

export const readGemfileLock: LockfileReader = ({ file, text }) => {
  interface Spec {
    name: string;
    version: string;
    platform?: string;
    deps: string[];
  }
  const specs: Spec[] = [];
  const checksums = new Map<string, Hash>();
  const directNames: string[] = [];
  let section = '';
  let inSpecs = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    if (/^\S/.test(raw)) {
      section = raw.trim();
      inSpecs = false;
      return;
    }
    const indent = raw.length - raw.trimStart().length;
    const content = raw.trim();
    if (['GEM', 'GIT', 'PATH', 'PLUGIN SOURCE'].includes(section)) {
      if (indent === 2) inSpecs = content === 'specs:';
      else if (inSpecs && indent === 4) {
        const m = /^(\S+) \(([^)]+)\)$/.exec(content);
        if (!m) throw new LockfileError(file, line, `expected 'name (version)', got '${content}'`);
        const [version, ...platform] = m[2].split('-');
        specs.push({ name: m[1], version, platform: platform.join('-') || undefined, deps: [] });
      } else if (inSpecs && indent === 6) {
        const m = /^(\S+)/.exec(content);
        if (!specs.length || !m) throw new LockfileError(file, line, `dependency outside a spec`);
        specs[specs.length - 1].deps.push(m[1]);
      }
    } else if (section === 'DEPENDENCIES' && indent === 2) {
      directNames.push(content.split(/[\s!]/)[0]);
    } else if (section === 'CHECKSUMS' && indent === 2) {
      const m = /^(\S+) \(([^)]+)\)(?: sha256=([0-9a-f]{64}))?$/.exec(content);
      if (!m) throw new LockfileError(file, line, `expected 'name (version) sha256=…', got '${content}'`);
      if (m[3]) checksums.set(`${m[1]}@${m[2]}`, { algorithm: 'SHA-256', content: m[3] });
    }
  });
  const gemPurl = (s: Spec) => purl('gem', undefined, s.name, s.version, { platform: s.platform });
  const byName = new Map(specs.map((s) => [s.name, s]));
  const packages = specs.map((s) => {
    const full = s.platform ? `${s.version}-${s.platform}` : s.version;
    const hash = checksums.get(`${s.name}@${full}`);
    return pkg({
      ecosystem: 'gem',
      name: s.name,
      version: s.version,
      purl: gemPurl(s),
      hashes: hash ? [hash] : [],
      dependsOn: s.deps
        .map((d) => byName.get(d))
        .filter((d): d is Spec => !!d)
        .map(gemPurl),
      foundIn: file,
    });
  });
  const direct = directNames
    .map((n) => byName.get(n))
    .filter((s): s is Spec => !!s)
    .map(gemPurl);
  return result(file, 'bundler', { packages, directDependencies: direct });
};

interface ComposerPackage {
  name: string;
  version: string;
  license?: unknown;
  dist?: { shasum?: string };
  require?: Record<string, string>;
}

export const readComposerLock: LockfileReader = ({ file, text }) => {
  const lock = parseJsonFile(file, text) as {
    packages?: ComposerPackage[];
    'packages-dev'?: ComposerPackage[];
  };
  if (!lock || typeof lock !== 'object' || !Array.isArray(lock.packages))
    throw new LockfileError(file, 1, 'not a composer.lock (no "packages" list)');
  const all = [...lock.packages, ...(lock['packages-dev'] ?? [])];
  const purlByName = new Map(all.map((p) => [p.name.toLowerCase(), composerPurl(p.name, p.version)]));
  const toPackage = (p: ComposerPackage, dev: boolean) =>
    pkg({
      ecosystem: 'composer',
      name: p.name.toLowerCase(),
      version: p.version,
      purl: composerPurl(p.name, p.version),
      license: licenseText(p.license),
      hashes: p.dist?.shasum ? [{ algorithm: 'SHA-1', content: p.dist.shasum.toLowerCase() }] : [],
      dependsOn: Object.keys(p.require ?? {})
        .map((n) => purlByName.get(n.toLowerCase()))
        .filter((x): x is string => !!x),
      scope: dev ? 'optional' : 'required',
      foundIn: file,
    });
  return result(file, 'composer', {
    packages: [
      ...lock.packages.map((p) => toPackage(p, false)),
      ...(lock['packages-dev'] ?? []).map((p) => toPackage(p, true)),
    ],
  });
};
