// Query-string values that are credentials (`?token=…`, `X-Amz-Signature=…`): masked like header values.

/** Word parts of a parameter name that mark its value as a secret. */
const SECRET_PARTS = new Set([
  'token',
  'key',
  'secret',
  'password',
  'passwd',
  'pwd',
  'pass',
  'sig',
  'signature',
  'auth',
  'authorization',
  'credential',
  'credentials',
  'session',
  'jwt',
]);
/** Run-together names such as `apikey`, `accesstoken`, `clientsecret`. */
const SECRET_SUFFIX = /(token|key|secret|password|passwd|signature|sig|auth|credentials?)$/;

function nameParts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function isSecretParameter(name: string): boolean {
  const parts = nameParts(name);
  return parts.some((p) => SECRET_PARTS.has(p)) || SECRET_SUFFIX.test(parts.join(''));
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * The values of secret-looking query parameters in `text` (a URL, parsed or as typed), both as they
 * appear in it and decoded, so neither form reaches a log.
 */
export function secretQueryValues(text: string, minLength: number): string[] {
  const start = text.indexOf('?');
  if (start < 0) return [];
  const end = text.indexOf('#', start);
  const query = text.slice(start + 1, end < 0 ? undefined : end);
  const values = new Set<string>();
  for (const pair of query.split('&')) {
    const at = pair.indexOf('=');
    if (at <= 0 || !isSecretParameter(decoded(pair.slice(0, at)))) continue;
    const raw = pair.slice(at + 1);
    for (const value of [raw, decoded(raw)]) if (value.length >= minLength) values.add(value);
  }
  return [...values];
}
