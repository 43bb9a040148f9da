// A client for the OCI distribution API: manifests, blobs, cross-repository mounts and tags,
// with authentication negotiated from the registry's challenge and every download verified.
import { systemClock, type Clock } from '../clock.js';
import {
  HttpError,
  backoffMs,
  defaultRetry,
  requestWithRetry,
  type Fetch,
  type RequestOptions,
  type RetryPolicy,
} from '../http.js';
import {
  AuthError,
  TokenCache,
  basicHeader,
  parseChallenges,
  pullScope,
  pushScope,
  type Challenge,
  type Credentials,
} from './auth.js';
import { transportFetch } from '../http-transport.js';
import { DigestMismatchError, digestOf, verifyDigest, verifyingStream } from './digest.js';
import { ACCEPT_MANIFESTS, type ImageManifestJson, type IndexJson } from './media-types.js';
import { isValidDigest, registryBaseUrl } from './reference.js';

export interface RegistryClientOptions {
  /** Registry host[:port], as in an image reference (docker.io for Docker Hub). */
  registry: string;
  credentials?: Credentials;
  /** Defaults to the node:http transport, which starts much faster than the global fetch. */
  fetch?: Fetch;
  clock?: Clock;
  /** Per-request timeout; defaults to 60 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  onRetry?: (reason: string, delayMs: number, attempt: number) => void;
}

export interface Manifest {
  mediaType: string;
  digest: string;
  bytes: Buffer;
  json: ImageManifestJson | IndexJson;
}

export interface ManifestHead {
  mediaType: string;
  digest: string;
  size: number;
}

export class RegistryError extends HttpError {
  constructor(
    message: string,
    status: number,
    body: string,
    /** The distribution spec error code, e.g. MANIFEST_UNKNOWN, DENIED. */
    readonly code?: string,
  ) {
    super(message, status, body);
    this.name = 'RegistryError';
  }
}

interface CallOptions {
  scopes: string[];
  headers?: Record<string, string>;
  body?: Buffer | string | ReadableStream<Uint8Array>;
  /** For a streamed body: one attempt only, since a consumed stream cannot be sent again. */
  once?: boolean;
  timeoutMs?: number;
}

function mediaTypeOf(response: Response, json?: { mediaType?: string }): string {
  return (response.headers.get('content-type') ?? '').split(';')[0].trim() || json?.mediaType || '';
}

export class RegistryClient {
  readonly registry: string;
  readonly baseUrl: string;
  private readonly clock: Clock;
  private readonly fetch: Fetch;
  private readonly tokens: TokenCache;
  /** undefined: not asked yet; null: the registry needs no authentication. */
  private challenge: Challenge | null | undefined;

  constructor(private readonly options: RegistryClientOptions) {
    this.registry = options.registry;
    this.baseUrl = registryBaseUrl(options.registry);
    this.clock = options.clock ?? systemClock;
    this.fetch = options.fetch ?? transportFetch;
    this.tokens = new TokenCache({
      fetch: this.fetch,
      clock: this.clock,
      credentials: options.credentials,
      timeoutMs: options.timeoutMs ?? 60_000,
    });
  }

  /** How many bearer tokens were fetched (each scope once while valid). */
  get tokensFetched(): number {
    return this.tokens.fetched;
  }

  private send(
    url: string,
    method: string,
    headers: Record<string, string>,
    call: Partial<CallOptions> = {},
  ) {
    const streamed = call.body instanceof ReadableStream;
    return requestWithRetry(
      url,
      {
        method,
        headers: { 'user-agent': 'shipyard-oci', ...headers },
        body: call.body,
        ...(streamed ? { duplex: 'half' } : {}),
        timeoutMs: call.timeoutMs ?? this.options.timeoutMs ?? 60_000,
        retry: call.once ? { attempts: 1 } : this.options.retry,
        onRetry: this.options.onRetry,
      } as RequestOptions,
      { fetch: this.fetch, clock: this.clock },
    );
  }

  private pickChallenge(header: string | null): Challenge | undefined {
    const all = parseChallenges(header ?? '');
    return (
      all.find((c) => c.scheme.toLowerCase() === 'bearer') ??
      all.find((c) => c.scheme.toLowerCase() === 'basic')
    );
  }

  /** GET /v2/: learns whether and how the registry wants authentication. */
  async ping(): Promise<void> {
    const response = await this.send(`${this.baseUrl}/v2/`, 'GET', {});
    await response.body?.cancel();
    if (response.status === 401) {
      this.challenge = this.pickChallenge(response.headers.get('www-authenticate')) ?? null;
      if (!this.challenge) throw new AuthError(`${this.registry} answered 401 without a usable challenge`);
    } else if (response.ok) this.challenge = null;
    else
      throw new RegistryError(
        `${this.registry}: GET /v2/ answered HTTP ${response.status}`,
        response.status,
        '',
      );
  }

  private async authorization(scopes: string[]): Promise<string | undefined> {
    if (this.challenge === undefined) await this.ping();
    const challenge = this.challenge;
    if (!challenge) return undefined;
    if (challenge.scheme.toLowerCase() === 'basic') {
      if (!this.options.credentials)
        throw new AuthError(`${this.registry} requires a username and password (basic authentication)`);
      return basicHeader(this.options.credentials);
    }
    return `Bearer ${await this.tokens.token(challenge, scopes)}`;
  }

  private async call(method: string, path: string, call: CallOptions): Promise<Response> {
    const url = path.startsWith('http') ? path : `${this.baseUrl}${path}`;
    let scopes = call.scopes;
    for (let attempt = 1; ; attempt++) {
      const authorization = await this.authorization(scopes);
      const headers = { ...call.headers, ...(authorization ? { authorization } : {}) };
      const response = await this.send(url, method, headers, call);
      if (response.status !== 401 || attempt > 1 || call.once) return response;
      // A new or widened challenge (e.g. insufficient_scope): take it and try once more.
      const challenge = this.pickChallenge(response.headers.get('www-authenticate'));
      if (!challenge) return response;
      await response.body?.cancel();
      this.challenge = challenge;
      if (challenge.params.scope) scopes = [...scopes, ...challenge.params.scope.split(' ')];
    }
  }

  private async fail(response: Response, what: string): Promise<never> {
    const body = await response.text().catch(() => '');
    let code: string | undefined;
    let detail = '';
    try {
      const parsed = JSON.parse(body) as { errors?: { code?: string; message?: string }[] };
      code = parsed.errors?.[0]?.code;
      detail = parsed.errors?.map((e) => `${e.code}: ${e.message}`).join('; ') ?? '';
    } catch {
      detail = body.slice(0, 200);
    }
    if (response.status === 401 || response.status === 403)
      throw new RegistryError(
        `${what}: access denied by ${this.registry} (HTTP ${response.status}${detail ? `, ${detail}` : ''}); check the username, password and the token's scopes`,
        response.status,
        body,
        code,
      );
    throw new RegistryError(
      `${what}: HTTP ${response.status}${detail ? ` (${detail})` : ''}`,
      response.status,
      body,
      code,
    );
  }

  private manifestPath(repository: string, reference: string): string {
    return `/v2/${repository}/manifests/${reference}`;
  }

  /** Downloads a manifest (image or index) and verifies its digest. */
  async getManifest(repository: string, reference: string): Promise<Manifest> {
    const what = `GET manifest ${this.registry}/${repository}:${reference}`;
    const response = await this.call('GET', this.manifestPath(repository, reference), {
      scopes: [pullScope(repository)],
      headers: { accept: ACCEPT_MANIFESTS },
    });
    if (!response.ok) return this.fail(response, what);
    const bytes = Buffer.from(await response.arrayBuffer());
    const json = JSON.parse(bytes.toString('utf8')) as ImageManifestJson | IndexJson;
    const claimed = response.headers.get('docker-content-digest');
    const expected = isValidDigest(reference)
      ? reference
      : claimed && isValidDigest(claimed)
        ? claimed
        : undefined;
    if (expected) verifyDigest(bytes, expected, what);
    return { mediaType: mediaTypeOf(response, json), digest: expected ?? digestOf(bytes), bytes, json };
  }

  /** The manifest's digest, media type and size, or undefined when the registry has none by that name. */
  async headManifest(repository: string, reference: string): Promise<ManifestHead | undefined> {
    const response = await this.call('HEAD', this.manifestPath(repository, reference), {
      scopes: [pullScope(repository)],
      headers: { accept: ACCEPT_MANIFESTS },
    });
    if (response.status === 404) return undefined;
    if (!response.ok) return this.fail(response, `HEAD manifest ${this.registry}/${repository}:${reference}`);
    const digest = response.headers.get('docker-content-digest');
    if (!digest || !isValidDigest(digest)) {
      const manifest = await this.getManifest(repository, reference);
      return { mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.bytes.length };
    }
    return {
      mediaType: mediaTypeOf(response),
      digest,
      size: Number(response.headers.get('content-length') ?? 0),
    };
  }

  /** The digest a tag points to, or undefined when the tag does not exist. */
  async tagDigest(repository: string, tag: string): Promise<string | undefined> {
    return (await this.headManifest(repository, tag))?.digest;
  }

  /** Uploads a manifest under a tag or its digest; returns the digest, checked against the registry's. */
  async putManifest(
    repository: string,
    reference: string,
    bytes: Buffer,
    mediaType: string,
  ): Promise<string> {
    const what = `PUT manifest ${this.registry}/${repository}:${reference}`;
    const response = await this.call('PUT', this.manifestPath(repository, reference), {
      scopes: [pushScope(repository)],
      headers: { 'content-type': mediaType },
      body: bytes,
    });
    if (!response.ok) return this.fail(response, what);
    await response.body?.cancel();
    const digest = digestOf(bytes);
    const stored = response.headers.get('docker-content-digest');
    if (stored && stored.startsWith('sha256:') && stored !== digest)
      throw new DigestMismatchError(digest, stored, what);
    return digest;
  }

  async deleteManifest(repository: string, digest: string): Promise<void> {
    const response = await this.call('DELETE', this.manifestPath(repository, digest), {
      scopes: [pushScope(repository)],
    });
    if (!response.ok && response.status !== 404)
      return this.fail(response, `DELETE manifest ${this.registry}/${repository}@${digest}`);
    await response.body?.cancel();
  }

  /** The blob's size, or undefined when the repository does not have it. */
  async headBlob(repository: string, digest: string): Promise<{ size: number } | undefined> {
    const response = await this.call('HEAD', `/v2/${repository}/blobs/${digest}`, {
      scopes: [pullScope(repository)],
    });
    if (response.status === 404) return undefined;
    if (!response.ok) return this.fail(response, `HEAD blob ${this.registry}/${repository}@${digest}`);
    return { size: Number(response.headers.get('content-length') ?? 0) };
  }

  /** A request's time limit when it carries `size` bytes: at least 100 KB/s, a bound a healthy link beats. */
  private transferTimeoutMs(size: number): number {
    return Math.max(this.options.timeoutMs ?? 60_000, 60_000 + Math.ceil(size / 100));
  }

  /**
   * Streams a blob; the stream errors at its end if the content does not match the digest.
   * With `size`, the time limit (which covers reading the body) grows with it.
   */
  async getBlob(repository: string, digest: string, size?: number): Promise<ReadableStream<Uint8Array>> {
    const what = `GET blob ${this.registry}/${repository}@${digest}`;
    const response = await this.call('GET', `/v2/${repository}/blobs/${digest}`, {
      scopes: [pullScope(repository)],
      ...(size === undefined ? {} : { timeoutMs: this.transferTimeoutMs(size) }),
    });
    if (!response.ok) return this.fail(response, what);
    if (!response.body) throw new RegistryError(`${what}: empty body`, response.status, '');
    return verifyingStream(response.body, digest, what);
  }

  /** Reads a (small) blob whole, verified, e.g. an image config. */
  async readBlob(repository: string, digest: string): Promise<Buffer> {
    const chunks: Uint8Array[] = [];
    for await (const chunk of await this.getBlob(repository, digest)) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  /** Asks the registry to link a blob from another repository; false when it would not (then upload). */
  async mountBlob(repository: string, digest: string, fromRepository: string): Promise<boolean> {
    const query = new URLSearchParams({ mount: digest, from: fromRepository });
    const response = await this.call('POST', `/v2/${repository}/blobs/uploads/?${query}`, {
      scopes: [pushScope(repository), pullScope(fromRepository)],
      body: '',
    });
    if (response.status === 201) {
      await response.body?.cancel();
      return true;
    }
    if (response.status !== 202) return this.fail(response, `mount blob ${digest} from ${fromRepository}`);
    // The registry opened an ordinary upload session instead; close it.
    await response.body?.cancel();
    const location = response.headers.get('location');
    if (location) {
      const cancel = await this.call('DELETE', new URL(location, this.baseUrl).href, {
        scopes: [pushScope(repository)],
      }).catch(() => undefined);
      await cancel?.body?.cancel();
    }
    return false;
  }

  /** Starts an upload session (POST); returns the URL to PUT the blob to, with its digest. */
  private async openUpload(repository: string, digest: string, what: string): Promise<URL> {
    const start = await this.call('POST', `/v2/${repository}/blobs/uploads/`, {
      scopes: [pushScope(repository)],
      body: '',
    });
    if (start.status !== 202) return this.fail(start, what);
    await start.body?.cancel();
    const location = start.headers.get('location');
    if (!location) throw new RegistryError(`${what}: no upload location`, start.status, '');
    const url = new URL(location, this.baseUrl);
    url.searchParams.set('digest', digest);
    return url;
  }

  /** Uploads a blob in one request (POST then PUT ?digest=); returns its digest. */
  async uploadBlob(repository: string, bytes: Buffer): Promise<string> {
    const digest = digestOf(bytes);
    const what = `upload blob ${digest} to ${this.registry}/${repository}`;
    if (await this.headBlob(repository, digest)) return digest;
    const url = await this.openUpload(repository, digest, what);
    const put = await this.call('PUT', url.href, {
      scopes: [pushScope(repository)],
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    if (put.status !== 201) return this.fail(put, what);
    await put.body?.cancel();
    return digest;
  }

  /**
   * Uploads a blob from a stream without holding it in memory. `open` is called once per attempt,
   * since a consumed stream cannot be sent again; the registry checks the content against `digest`.
   * Resolves false when the repository already had the blob (nothing sent), true after an upload.
   */
  async uploadBlobStream(
    repository: string,
    digest: string,
    size: number,
    open: () => ReadableStream<Uint8Array> | Promise<ReadableStream<Uint8Array>>,
  ): Promise<boolean> {
    if (await this.headBlob(repository, digest)) return false;
    const policy = { ...defaultRetry, ...this.options.retry };
    for (let attempt = 1; ; attempt++) {
      try {
        await this.uploadStreamOnce(repository, digest, size, await open());
        return true;
      } catch (error) {
        const status = (error as HttpError).status;
        const transient =
          error instanceof HttpError && (status === undefined || status >= 500 || status === 429);
        if (!transient || attempt >= policy.attempts) throw error;
        const delay = backoffMs(policy, attempt);
        this.options.onRetry?.((error as Error).message, delay, attempt);
        await this.clock.sleep(delay);
      }
    }
  }

  private async uploadStreamOnce(
    repository: string,
    digest: string,
    size: number,
    body: ReadableStream<Uint8Array>,
  ) {
    const what = `upload blob ${digest} to ${this.registry}/${repository}`;
    let url: URL;
    try {
      url = await this.openUpload(repository, digest, what);
    } catch (error) {
      await body.cancel();
      throw error;
    }
    const put = await this.call('PUT', url.href, {
      scopes: [pushScope(repository)],
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
      body,
      once: true,
      timeoutMs: this.transferTimeoutMs(size),
    });
    if (put.status !== 201) return this.fail(put, what);
    await put.body?.cancel();
  }

  /** All tags of a repository (following pagination links). */
  async listTags(repository: string): Promise<string[]> {
    const tags: string[] = [];
    let path: string | undefined = `/v2/${repository}/tags/list?n=1000`;
    for (let page = 0; path && page < 100; page++) {
      const response = await this.call('GET', path, { scopes: [pullScope(repository)] });
      if (response.status === 404) return tags;
      if (!response.ok) return this.fail(response, `list tags of ${this.registry}/${repository}`);
      const body = (await response.json()) as { tags?: string[] | null };
      tags.push(...(body.tags ?? []));
      const next = /<([^>]+)>;\s*rel="?next"?/.exec(response.headers.get('link') ?? '')?.[1];
      path = next ? new URL(next, this.baseUrl).href : undefined;
    }
    return tags;
  }
}
