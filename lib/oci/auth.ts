// Registry authentication: anonymous, basic, and bearer tokens obtained through the
// `WWW-Authenticate: Bearer realm=...,service=...,scope=...` challenge (as GHCR and Docker Hub do it).
import type { Clock } from '../clock.js';
import { HttpError, requestWithRetry, type Fetch } from '../http.js';
import { isLoopbackRegistry } from './reference.js';

export interface Credentials {
  username: string;
  password: string;
}

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses a WWW-Authenticate header: `Scheme k="v", k2=v2[, Scheme2 ...]`. */
export function parseChallenges(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  const token = /[\w!#$%&'*+.^`|~-]+/y;
  let i = 0;
  const readToken = () => {
    token.lastIndex = i;
    const m = token.exec(header);
    i = m ? token.lastIndex : i;
    return m?.[0] ?? '';
  };
  const skip = (chars: RegExp) => {
    while (i < header.length && chars.test(header[i])) i++;
  };
  while (i < header.length) {
    skip(/[\s,]/);
    const word = readToken();
    if (!word) break;
    skip(/\s/);
    if (header[i] !== '=') {
      challenges.push({ scheme: word, params: {} });
      continue;
    }
    i++;
    skip(/\s/);
    let value = '';
    if (header[i] === '"') {
      for (i++; i < header.length && header[i] !== '"'; i++)
        value += header[i] === '\\' ? header[++i] : header[i];
      i++;
    } else {
      const end = header.slice(i).search(/[,\s]|$/);
      value = header.slice(i, i + end);
      i += end;
    }
    const current = challenges.at(-1);
    if (current) current.params[word.toLowerCase()] = value;
  }
  return challenges;
}

export function basicHeader(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

export function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

export function pushScope(repository: string): string {
  return `repository:${repository}:pull,push`;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

export class AuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthError';
  }
}

/** Fetches and caches bearer tokens, one per (realm, service, scopes). */
export class TokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  /** How many tokens were fetched from the realm (to show the cache at work). */
  fetched = 0;

  constructor(
    private readonly io: { fetch?: Fetch; clock: Clock; credentials?: Credentials; timeoutMs?: number },
  ) {}

  async token(challenge: Challenge, scopes: string[]): Promise<string> {
    const realm = challenge.params.realm;
    if (!realm) throw new AuthError('the registry sent a Bearer challenge without a realm');
    const service = challenge.params.service ?? '';
    const wanted = [...new Set(scopes)].sort();
    const key = `${realm} ${service} ${wanted.join(' ')}`;
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > this.io.clock.now()) return cached.token;
    const url = new URL(realm);
    // The realm comes from the registry's answer; a password must not cross the network in clear.
    if (this.io.credentials && url.protocol !== 'https:' && !isLoopbackRegistry(url.host))
      throw new AuthError(
        `the registry sent its token service as ${url.origin}; credentials are only sent to an https:// token service (or one on localhost)`,
      );
    if (service) url.searchParams.set('service', service);
    for (const scope of wanted) url.searchParams.append('scope', scope);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.io.credentials) headers.authorization = basicHeader(this.io.credentials);
    const response = await requestWithRetry(
      url.href,
      { headers, timeoutMs: this.io.timeoutMs },
      { fetch: this.io.fetch, clock: this.io.clock },
    );
    const text = await response.text();
    if (response.status === 401 || response.status === 403)
      throw new AuthError(
        `the token service ${url.origin}${url.pathname} refused ${
          this.io.credentials ? `the credentials of '${this.io.credentials.username}'` : 'anonymous access'
        } for ${wanted.join(' ') || 'the registry'} (HTTP ${response.status})`,
      );
    if (!response.ok)
      throw new HttpError(
        `token request to ${url.origin}${url.pathname}: HTTP ${response.status}`,
        response.status,
        text,
      );
    const body = JSON.parse(text) as { token?: string; access_token?: string; expires_in?: number };
    const token = body.token ?? body.access_token;
    if (!token)
      throw new AuthError(`the token service ${url.origin}${url.pathname} answered without a token`);
    // Tokens live at least 60 s by the token spec; renew a little early.
    const lifetimeMs = Math.max(60, body.expires_in ?? 60) * 1000;
    this.tokens.set(key, { token, expiresAt: this.io.clock.now() + lifetimeMs - 10_000 });
    this.fetched++;
    return token;
  }
}
