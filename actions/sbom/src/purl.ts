// Package URLs (https://github.com/package-url/purl-spec): type/namespace/name@version?qualifiers.

import { byCodeUnit } from '../../../lib/compare.js';

function encodeSegment(text: string): string {
  const encoded = encodeURIComponent(text);
  return encoded.includes('%3A') ? encoded.replaceAll('%3A', ':') : encoded;
}

export function purl(
  type: string,
  namespace: string | undefined,
  name: string,
  version: string,
  qualifiers: Record<string, string | undefined> = {},
): string {
  const ns = namespace ? namespace.split('/').map(encodeSegment).join('/') + '/' : '';
  const quals = Object.entries(qualifiers)
    .filter((e): e is [string, string] => !!e[1])
    .sort(([a], [b]) => byCodeUnit(a, b)) // the spec asks for code-point order
    .map(([k, v]) => `${k}=${encodeSegment(v)}`)
    .join('&');
  return `pkg:${type}/${ns}${encodeSegment(name)}@${encodeSegment(version)}${quals ? `?${quals}` : ''}`;
}

/** `@scope/name` → namespace `@scope`, name `name`. */
export function npmPurl(fullName: string, version: string): string {
  const slash = fullName.startsWith('@') ? fullName.indexOf('/') : -1;
  return slash > 0
    ? purl('npm', fullName.slice(0, slash), fullName.slice(slash + 1), version)
    : purl('npm', undefined, fullName, version);
}

/** PEP 503 normalised name: lower case, runs of `-_.` become `-`. */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export function pypiPurl(name: string, version: string): string {
  return purl('pypi', undefined, normalizePypiName(name), version);
}

export function golangPurl(modulePath: string, version: string): string {
  const at = modulePath.lastIndexOf('/');
  return at > 0
    ? purl('golang', modulePath.slice(0, at), modulePath.slice(at + 1), version)
    : purl('golang', undefined, modulePath, version);
}

export function composerPurl(fullName: string, version: string): string {
  const [vendor, name] = fullName.toLowerCase().split('/', 2);
  return name ? purl('composer', vendor, name, version) : purl('composer', undefined, vendor, version);
}
