import './sourcemap-register.cjs';import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 356:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(787);

await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 787:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  e: () => (/* binding */ run)
});

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./lib/exec.ts
// Runs a program, logging the exact command (with secrets redacted by the runner's mask).

function quoteArg(arg) {
    return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
function commandText(command, args) {
    return [command, ...args].map(quoteArg).join(' ');
}
const exec_exec = (command, args, options = {}) => new Promise((resolve, reject) => {
    const child = (0,external_node_child_process_namespaceObject.spawn)(command, args, {
        cwd: options.cwd,
        env: options.env ? { ...process.env, ...options.env } : process.env,
        stdio: ['pipe', 'pipe', 'pipe'],
        signal: options.signal,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
        stdout += d;
        options.onOutput?.(d.toString());
    });
    child.stderr.on('data', (d) => {
        stderr += d;
        options.onOutput?.(d.toString());
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    // A program may exit without reading its input; the write then fails with EPIPE, which,
    // unhandled, would crash the action. The exit code says how the program fared.
    child.stdin.on('error', (error) => {
        if (error.code !== 'EPIPE')
            reject(error);
    });
    child.stdin.end(options.input ?? '');
});
/** Resolves whether a program is on PATH and runs. */
async function canRun(run, command, args = ['--version']) {
    try {
        return (await run(command, args)).code === 0;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./lib/duration.ts
const UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** Parses `500ms`, `30s`, `5m`, `1h30m`, or a bare number of seconds, into milliseconds. */
function duration_parseDuration(text) {
    const t = text.trim().toLowerCase();
    if (/^\d+(\.\d+)?$/.test(t))
        return Math.round(Number(t) * 1000);
    if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(t))
        return undefined;
    let total = 0;
    for (const [, amount, unit] of t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g))
        total += Number(amount) * UNITS[unit];
    return Math.round(total);
}
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)} ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(1)} s`;
    const minutes = Math.floor(ms / 60_000);
    const seconds = Math.round((ms % 60_000) / 1000);
    return `${minutes}m ${seconds}s`;
}

;// CONCATENATED MODULE: ./lib/github-context.ts
// The GitHub context an action sees: GITHUB_* variables plus the event payload at GITHUB_EVENT_PATH.
// On pull requests the commit that matters is the PR head, not the merge commit in GITHUB_SHA.

function readEvent(path, read) {
    if (!path)
        return {};
    try {
        const parsed = JSON.parse(read(path));
        return parsed && typeof parsed === 'object' ? parsed : {};
    }
    catch {
        return {};
    }
}
function refParts(ref) {
    if (ref.startsWith('refs/heads/'))
        return { refType: 'branch', refName: ref.slice('refs/heads/'.length) };
    if (ref.startsWith('refs/tags/'))
        return { refType: 'tag', refName: ref.slice('refs/tags/'.length) };
    if (ref.startsWith('refs/pull/'))
        return { refType: 'pull', refName: ref.slice('refs/pull/'.length) };
    return { refType: 'other', refName: ref };
}
function readGitHubContext(env = process.env, read = (p) => (0,external_node_fs_namespaceObject.readFileSync)(p, 'utf8')) {
    const event = readEvent(env.GITHUB_EVENT_PATH, read);
    const shape = event;
    const ref = env.GITHUB_REF ?? '';
    let { refType, refName } = refParts(ref);
    const pr = shape.pull_request;
    const pullRequest = pr && (pr.number ?? shape.number)
        ? {
            number: Number(pr.number ?? shape.number),
            headSha: pr.head?.sha ?? env.GITHUB_SHA ?? '',
            headRef: pr.head?.ref ?? env.GITHUB_HEAD_REF ?? '',
            baseRef: pr.base?.ref ?? env.GITHUB_BASE_REF ?? '',
        }
        : undefined;
    if (pullRequest) {
        refType = 'pull';
        refName = pullRequest.headRef || refName;
    }
    const repository = env.GITHUB_REPOSITORY ?? '';
    const license = shape.repository?.license?.spdx_id;
    return {
        sha: env.GITHUB_SHA ?? '',
        commitSha: pullRequest?.headSha || env.GITHUB_SHA || '',
        ref,
        refName,
        refType,
        eventName: env.GITHUB_EVENT_NAME ?? '',
        repository,
        owner: env.GITHUB_REPOSITORY_OWNER ?? repository.split('/')[0] ?? '',
        serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, ''),
        runId: env.GITHUB_RUN_ID ?? '',
        actor: env.GITHUB_ACTOR ?? '',
        pullRequest,
        repositoryInfo: {
            description: shape.repository?.description ?? undefined,
            license: license && license !== 'NOASSERTION' ? license : undefined,
            htmlUrl: shape.repository?.html_url,
        },
        event,
    };
}
/** https://github.com/owner/name */
function repositoryUrl(context) {
    return context.repositoryInfo.htmlUrl ?? `${context.serverUrl}/${context.repository}`;
}

;// CONCATENATED MODULE: ./lib/inputs.ts
// Reading action inputs into typed values; every problem is an InputError naming the input.

class InputError extends Error {
    input;
    expected;
    got;
    constructor(input, expected, got) {
        super(`Input '${input}': expected ${expected}${got === undefined ? '' : `, got '${got}'`}.`);
        this.input = input;
        this.expected = expected;
        this.got = got;
        this.name = 'InputError';
    }
}
function requiredString(read, name, expected = 'a non-empty value') {
    const value = read(name);
    if (!value)
        throw new InputError(name, expected);
    return value;
}
function optionalString(read, name, fallback = '') {
    return read(name) || fallback;
}
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];
function booleanInput(read, name, fallback) {
    const value = read(name);
    if (!value)
        return fallback;
    if (TRUE.includes(value))
        return true;
    if (FALSE.includes(value))
        return false;
    throw new InputError(name, '`true` or `false`', value);
}
function choiceInput(read, name, choices, fallback) {
    const value = read(name);
    if (!value)
        return fallback;
    if (choices.includes(value))
        return value;
    throw new InputError(name, `one of ${choices.map((c) => `'${c}'`).join(', ')}`, value);
}
function durationInput(read, name, fallback) {
    const value = read(name) || fallback;
    const ms = parseDuration(value);
    if (ms === undefined)
        throw new InputError(name, 'a duration such as `30s`, `5m`, `1h30m` or `500ms`', value);
    return ms;
}
function integerInput(read, name, fallback, min, max = Number.MAX_SAFE_INTEGER) {
    const value = read(name);
    if (!value)
        return fallback;
    if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max)
        throw new InputError(name, `a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}`, value);
    return Number(value);
}
/** Non-empty lines, trimmed; `#` comment lines are skipped. */
function linesInput(read, name) {
    return read(name)
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'));
}
/** `Name: value` or `key=value` lines, split at the first separator. */
function pairsInput(read, name, separator, expected) {
    return linesInput(read, name).map((line) => {
        const at = line.indexOf(separator);
        if (at <= 0)
            throw new InputError(name, expected, line);
        return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    });
}

;// CONCATENATED MODULE: ./lib/clock.ts
const systemClock = {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve) => {
        if (signal?.aborted)
            return resolve();
        const timer = setTimeout(done, Math.max(0, ms));
        function done() {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
    }),
};

;// CONCATENATED MODULE: ./lib/http.ts
// HTTP with bounded retries: connection errors, 429 (Retry-After / ratelimit-reset) and 5xx.
// A request that is not idempotent is retried only when it surely never reached the server.

const defaultRetry = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };
class HttpError extends Error {
    status;
    body;
    constructor(message, status, body) {
        super(message);
        this.status = status;
        this.body = body;
        this.name = 'HttpError';
    }
}
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** Errors raised before a byte of the request could have been processed. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
function errorCode(error) {
    const e = error;
    return e?.cause?.code ?? e?.cause?.cause?.code ?? e?.code;
}
/** Milliseconds to wait from Retry-After (seconds or HTTP date) or ratelimit-reset (unix seconds). */
function retryAfterMs(headers, now) {
    const after = headers.get('retry-after');
    if (after) {
        if (/^\d+(\.\d+)?$/.test(after.trim()))
            return Number(after) * 1000;
        const date = Date.parse(after);
        if (!Number.isNaN(date))
            return Math.max(0, date - now);
    }
    const reset = headers.get('ratelimit-reset');
    const remaining = headers.get('ratelimit-remaining');
    if (reset && /^\d+$/.test(reset) && (remaining === null || remaining === '0'))
        return Math.max(0, Number(reset) * 1000 - now);
    return undefined;
}
function backoffMs(policy, attempt, random = Math.random) {
    const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(exp / 2 + (random() * exp) / 2);
}
async function requestWithRetry(url, options = {}, io = {}) {
    const doFetch = io.fetch ?? fetch;
    const clock = io.clock ?? systemClock;
    const policy = { ...defaultRetry, ...options.retry };
    const method = (options.method ?? 'GET').toUpperCase();
    const idempotent = options.idempotent ?? IDEMPOTENT.has(method);
    for (let attempt = 1;; attempt++) {
        const last = attempt >= policy.attempts;
        const signal = options.timeoutMs
            ? AbortSignal.any([AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])])
            : (options.signal ?? undefined);
        let response;
        try {
            response = await doFetch(url, { ...options, method, signal });
        }
        catch (error) {
            if (options.signal?.aborted)
                throw error;
            const code = errorCode(error) ?? error.name;
            const safe = idempotent || NOT_SENT.has(code ?? '');
            if (last || !safe)
                throw new HttpError(`${method} ${url} failed: ${code ?? error.message}`);
            const delay = backoffMs(policy, attempt);
            options.onRetry?.(code ?? 'network error', delay, attempt);
            await clock.sleep(delay, options.signal ?? undefined);
            continue;
        }
        const retryable = response.status === 429 || (response.status >= 500 && idempotent);
        if (!retryable || last)
            return response;
        const wait = Math.min(policy.maxDelayMs * 4, retryAfterMs(response.headers, clock.now()) ?? backoffMs(policy, attempt));
        await response.body?.cancel();
        options.onRetry?.(`HTTP ${response.status}`, wait, attempt);
        await clock.sleep(wait, options.signal ?? undefined);
    }
}

;// CONCATENATED MODULE: ./lib/oci/reference.ts
// Image references as docker spells them: [registry/]repository[:tag][@digest].
// A first component with a dot, a colon or `localhost` is a registry; otherwise docker.io.
const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_API = 'registry-1.docker.io';
class InvalidReferenceError extends Error {
    reference;
    reason;
    constructor(reference, reason) {
        super(`invalid image reference '${reference}': ${reason}`);
        this.reference = reference;
        this.reason = reason;
        this.name = 'InvalidReferenceError';
    }
}
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9a-fA-F:]+\])(?::\d{1,5})?$/;
function isValidTag(tag) {
    return TAG.test(tag);
}
function isValidDigest(digest) {
    return DIGEST.test(digest);
}
/** Why a tag is not valid, or undefined when it is. */
function tagProblem(tag) {
    if (!tag)
        return 'a tag cannot be empty';
    if (tag.length > 128)
        return `a tag has at most 128 characters, this one has ${tag.length}`;
    if (!TAG.test(tag))
        return 'a tag uses only letters, digits, `_`, `.` and `-`, and does not start with `.` or `-`';
    return undefined;
}
function splitRegistry(name) {
    const slash = name.indexOf('/');
    const first = slash < 0 ? '' : name.slice(0, slash);
    if (first && (first.includes('.') || first.includes(':') || first === 'localhost'))
        return [first.toLowerCase(), name.slice(slash + 1)];
    return [DOCKER_HUB, name];
}
function parseReference(text) {
    const input = text.trim();
    if (!input)
        throw new InvalidReferenceError(text, 'it is empty');
    let rest = input;
    let digest;
    const at = rest.indexOf('@');
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        if (!isValidDigest(digest))
            throw new InvalidReferenceError(text, `'${digest}' is not a digest like sha256:<64 hex digits>`);
    }
    let tag;
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        const problem = tagProblem(tag);
        if (problem)
            throw new InvalidReferenceError(text, problem);
    }
    const [registry, path] = splitRegistry(rest);
    if (!HOST.test(registry))
        throw new InvalidReferenceError(text, `'${registry}' is not a registry host`);
    const lowered = path !== path.toLowerCase();
    let repository = path.toLowerCase();
    if (!repository)
        throw new InvalidReferenceError(text, 'the repository name is empty');
    const bad = repository.split('/').find((c) => !PATH_COMPONENT.test(c));
    if (bad !== undefined)
        throw new InvalidReferenceError(text, `'${bad}' is not a valid name component (lower-case letters and digits, separated by '.', '_', '__' or '-')`);
    if (registry === DOCKER_HUB && !repository.includes('/'))
        repository = `library/${repository}`;
    if (repository.length > 255)
        throw new InvalidReferenceError(text, 'the repository name exceeds 255 characters');
    return { registry, repository, tag, digest, lowered };
}
/** registry/repository, without tag or digest. */
function imageName(ref) {
    return `${ref.registry}/${ref.repository}`;
}
function formatReference(ref) {
    return `${imageName(ref)}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}
/** The notice to show when a name was lowered, or undefined. */
function loweredNotice(original, ref) {
    if (!ref.lowered)
        return undefined;
    return `Image name '${original.trim()}' lowered to '${imageName(ref)}': registries such as GHCR require lower-case repository names.`;
}
function hostOnly(registry) {
    if (registry.startsWith('['))
        return registry.slice(0, registry.indexOf(']') + 1);
    return registry.replace(/:\d+$/, '');
}
/** localhost and 127.0.0.0/8 are spoken to over plain HTTP, as docker does; all else over HTTPS. */
function isLoopbackRegistry(registry) {
    const host = hostOnly(registry).toLowerCase();
    return host === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
function registryBaseUrl(registry) {
    const host = registry === DOCKER_HUB ? DOCKER_HUB_API : registry;
    return `${isLoopbackRegistry(registry) ? 'http' : 'https'}://${host}`;
}

;// CONCATENATED MODULE: ./lib/oci/auth.ts


/** Parses a WWW-Authenticate header: `Scheme k="v", k2=v2[, Scheme2 ...]`. */
function parseChallenges(header) {
    const challenges = [];
    const token = /[\w!#$%&'*+.^`|~-]+/y;
    let i = 0;
    const readToken = () => {
        token.lastIndex = i;
        const m = token.exec(header);
        i = m ? token.lastIndex : i;
        return m?.[0] ?? '';
    };
    const skip = (chars) => {
        while (i < header.length && chars.test(header[i]))
            i++;
    };
    while (i < header.length) {
        skip(/[\s,]/);
        const word = readToken();
        if (!word)
            break;
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
        }
        else {
            const end = header.slice(i).search(/[,\s]|$/);
            value = header.slice(i, i + end);
            i += end;
        }
        const current = challenges.at(-1);
        if (current)
            current.params[word.toLowerCase()] = value;
    }
    return challenges;
}
function basicHeader(credentials) {
    return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}
function pullScope(repository) {
    return `repository:${repository}:pull`;
}
function pushScope(repository) {
    return `repository:${repository}:pull,push`;
}
class AuthError extends Error {
    constructor(message) {
        super(message);
        this.name = 'AuthError';
    }
}
/** Fetches and caches bearer tokens, one per (realm, service, scopes). */
class TokenCache {
    io;
    tokens = new Map();
    /** How many tokens were fetched from the realm (to show the cache at work). */
    fetched = 0;
    constructor(io) {
        this.io = io;
    }
    async token(challenge, scopes) {
        const realm = challenge.params.realm;
        if (!realm)
            throw new AuthError('the registry sent a Bearer challenge without a realm');
        const service = challenge.params.service ?? '';
        const wanted = [...new Set(scopes)].sort();
        const key = `${realm} ${service} ${wanted.join(' ')}`;
        const cached = this.tokens.get(key);
        if (cached && cached.expiresAt > this.io.clock.now())
            return cached.token;
        const url = new URL(realm);
        // The realm comes from the registry's answer; a password must not cross the network in clear.
        if (this.io.credentials && url.protocol !== 'https:' && !isLoopbackRegistry(url.host))
            throw new AuthError(`the registry sent its token service as ${url.origin}; credentials are only sent to an https:// token service (or one on localhost)`);
        if (service)
            url.searchParams.set('service', service);
        for (const scope of wanted)
            url.searchParams.append('scope', scope);
        const headers = { accept: 'application/json' };
        if (this.io.credentials)
            headers.authorization = basicHeader(this.io.credentials);
        const response = await requestWithRetry(url.href, { headers, timeoutMs: this.io.timeoutMs }, { fetch: this.io.fetch, clock: this.io.clock });
        const text = await response.text();
        if (response.status === 401 || response.status === 403)
            throw new AuthError(`the token service ${url.origin}${url.pathname} refused ${this.io.credentials ? `the credentials of '${this.io.credentials.username}'` : 'anonymous access'} for ${wanted.join(' ') || 'the registry'} (HTTP ${response.status})`);
        if (!response.ok)
            throw new HttpError(`token request to ${url.origin}${url.pathname}: HTTP ${response.status}`, response.status, text);
        const body = JSON.parse(text);
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

;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
;// CONCATENATED MODULE: external "node:stream"
const external_node_stream_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");
;// CONCATENATED MODULE: ./lib/compare.ts
/**
 * Orders strings by UTF-16 code unit, like `Array.prototype.sort()` without a comparator.
 * Stable across machines and locales, and unlike `localeCompare` it never loads ICU's collator
 * (about 7 ms on the first call, measured on Node 24).
 */
function byCodeUnit(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

;// CONCATENATED MODULE: ./lib/http-transport.ts
// fetch() on node:http and node:https, for the shared clients. Node's global fetch loads its
// bundled undici on the first call: about 70 ms here, a large share of an action run that
// otherwise takes a few hundred (bench/sbom.ts). This covers what the clients use: string,
// byte and stream bodies, redirects (credentials dropped across origins, as fetch does), an
// AbortSignal that also cuts off the body, and a Response with status, headers, body, text(),
// json(), arrayBuffer() and bytes(). Bodies are sent and read as they are (no content-encoding).




const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;
/** Statuses whose response has no body at all (fetch gives `body: null`). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
/** Request headers that must not follow a redirect to another origin. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
function failed(cause) {
    return new TypeError('fetch failed', { cause });
}
/** The response headers, read-only, looked up case-insensitively like fetch's Headers. */
class TransportHeaders {
    values = new Map();
    constructor(raw) {
        for (const [name, value] of Object.entries(raw))
            if (value !== undefined)
                this.values.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    get(name) {
        return this.values.get(name.toLowerCase()) ?? null;
    }
    has(name) {
        return this.values.has(name.toLowerCase());
    }
    forEach(callback) {
        for (const [name, value] of this.entries())
            callback(value, name, this);
    }
    entries() {
        return [...this.values].sort(([a], [b]) => byCodeUnit(a, b))[Symbol.iterator]();
    }
    keys() {
        return [...this.entries()].map(([name]) => name)[Symbol.iterator]();
    }
    [Symbol.iterator]() {
        return this.entries();
    }
}
class TransportResponse {
    message;
    url;
    redirected;
    status;
    statusText;
    ok;
    headers;
    type = 'basic';
    hasBody;
    stream;
    read = false;
    constructor(message, url, redirected, method) {
        this.message = message;
        this.url = url;
        this.redirected = redirected;
        this.status = message.statusCode ?? 0;
        this.statusText = message.statusMessage ?? '';
        this.ok = this.status >= 200 && this.status < 300;
        this.headers = new TransportHeaders(message.headers);
        this.hasBody = method !== 'HEAD' && !NULL_BODY_STATUSES.has(this.status);
        if (!this.hasBody)
            message.resume();
    }
    get bodyUsed() {
        return this.read || this.message.readableDidRead || !!this.stream?.locked;
    }
    get body() {
        if (!this.hasBody)
            return null;
        return (this.stream ??= external_node_stream_namespaceObject.Readable.toWeb(this.message));
    }
    async bytes() {
        if (this.bodyUsed)
            throw new TypeError('Body is unusable: Body has already been read');
        this.read = true;
        if (!this.hasBody)
            return new Uint8Array();
        const chunks = [];
        for await (const chunk of this.stream ?? this.message)
            chunks.push(chunk);
        return Buffer.concat(chunks);
    }
    async arrayBuffer() {
        const bytes = await this.bytes();
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    }
    async text() {
        const text = Buffer.from(await this.bytes()).toString('utf8');
        return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    }
    async json() {
        return JSON.parse(await this.text());
    }
}
function requestHeaders(init) {
    const headers = {};
    if (!init)
        return headers;
    // a Headers object is read through forEach: `instanceof Headers` would load undici
    if (Array.isArray(init))
        for (const [name, value] of init)
            headers[name.toLowerCase()] = value;
    else if (typeof init.forEach === 'function')
        init.forEach((value, name) => (headers[name.toLowerCase()] = value));
    else
        for (const [name, value] of Object.entries(init))
            headers[name.toLowerCase()] = String(value);
    return headers;
}
function requestBody(body) {
    if (body === undefined || body === null)
        return undefined;
    if (typeof body === 'string')
        return Buffer.from(body);
    if (body instanceof ArrayBuffer)
        return Buffer.from(body);
    if (ArrayBuffer.isView(body))
        return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    if (body instanceof ReadableStream)
        return body;
    throw new TypeError(`unsupported request body (${Object.prototype.toString.call(body)}): send a string, bytes or a ReadableStream`);
}
function send(url, method, headers, body, signal) {
    return new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(signal.reason);
        const outgoing = { ...headers };
        if (Buffer.isBuffer(body))
            outgoing['content-length'] = body.length;
        const request = (url.protocol === 'https:' ? external_node_https_namespaceObject.request : external_node_http_namespaceObject.request)(url, {
            method,
            headers: outgoing,
            signal,
        });
        request.once('response', resolve);
        request.once('error', (error) => reject(signal?.aborted ? signal.reason : failed(error)));
        if (body instanceof ReadableStream)
            (0,external_node_stream_namespaceObject.pipeline)(external_node_stream_namespaceObject.Readable.fromWeb(body), request, () => { });
        else
            request.end(body);
    });
}
/** After the headers, an abort errors the body with the signal's reason, as fetch does. */
function cutOffOnAbort(message, signal) {
    if (!signal)
        return;
    const abort = () => message.destroy(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    message.once('close', () => signal.removeEventListener('abort', abort));
}
function unsupported(input) {
    throw new TypeError(`unsupported fetch input (${Object.prototype.toString.call(input)}): pass a URL or string`);
}
/** A drop-in for the global fetch for the requests the shared clients make (see the top of the file). */
async function transportFetch(input, init = {}) {
    let url = new URL(typeof input === 'string' || input instanceof URL ? input : unsupported(input));
    let method = (init.method ?? 'GET').toUpperCase();
    const headers = requestHeaders(init.headers);
    headers['user-agent'] ??= 'shipyard';
    let body = requestBody(init.body);
    if (body && (method === 'GET' || method === 'HEAD'))
        throw new TypeError('Request with GET/HEAD method cannot have body.');
    const signal = init.signal ?? undefined;
    for (let redirects = 0;; redirects++) {
        if (url.protocol !== 'http:' && url.protocol !== 'https:')
            throw failed(new Error(`cannot fetch ${url.protocol} URLs`));
        const message = await send(url, method, headers, body, signal);
        const location = message.headers.location;
        const status = message.statusCode ?? 0;
        if (!REDIRECT_STATUSES.has(status) || !location || init.redirect === 'manual') {
            cutOffOnAbort(message, signal);
            return new TransportResponse(message, url.href, redirects > 0, method);
        }
        message.resume();
        if (init.redirect === 'error')
            throw failed(new Error(`unexpected redirect to ${location}`));
        if (redirects >= MAX_REDIRECTS)
            throw failed(new Error('redirect count exceeded'));
        const next = new URL(location, url);
        if (status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST') {
            if (method !== 'GET')
                method = 'GET';
            body = undefined;
            for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language'])
                delete headers[name];
        }
        else if (body instanceof ReadableStream)
            throw failed(new Error(`cannot follow a ${status} redirect with a streamed request body`));
        if (next.origin !== url.origin)
            for (const name of CREDENTIAL_HEADERS)
                delete headers[name];
        url = next;
    }
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./lib/oci/digest.ts
// Content digests (sha256/sha512) and their verification, for bytes and for streams.

class DigestMismatchError extends Error {
    expected;
    actual;
    constructor(expected, actual, what) {
        super(`${what}: expected digest ${expected}, the content hashes to ${actual}`);
        this.expected = expected;
        this.actual = actual;
        this.name = 'DigestMismatchError';
    }
}
function algorithmOf(digest) {
    return digest.startsWith('sha512:') ? 'sha512' : 'sha256';
}
function digestOf(bytes, algorithm = 'sha256') {
    return `${algorithm}:${(0,external_node_crypto_namespaceObject.createHash)(algorithm).update(bytes).digest('hex')}`;
}
function verifyDigest(bytes, expected, what) {
    const actual = digestOf(bytes, algorithmOf(expected));
    if (actual !== expected)
        throw new DigestMismatchError(expected, actual, what);
}
/** Passes a stream through unchanged and errors at its end when the content does not hash to `expected`. */
function verifyingStream(body, expected, what) {
    const hash = (0,external_node_crypto_namespaceObject.createHash)(algorithmOf(expected));
    return body.pipeThrough(new TransformStream({
        transform(chunk, controller) {
            hash.update(chunk);
            controller.enqueue(chunk);
        },
        flush(controller) {
            const actual = `${algorithmOf(expected)}:${hash.digest('hex')}`;
            if (actual !== expected)
                controller.error(new DigestMismatchError(expected, actual, what));
        },
    }));
}

;// CONCATENATED MODULE: ./lib/oci/media-types.ts
// Manifest media types of the OCI image spec and of Docker's v2 schema 2.
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
const MANIFEST_TYPES = [OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST];
const ACCEPT_MANIFESTS = MANIFEST_TYPES.join(', ');
function isIndexType(mediaType) {
    return mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST;
}

;// CONCATENATED MODULE: ./lib/oci/client.ts
// A client for the OCI distribution API: manifests, blobs, cross-repository mounts and tags,
// with authentication negotiated from the registry's challenge and every download verified.







class RegistryError extends HttpError {
    code;
    constructor(message, status, body, 
    /** The distribution spec error code, e.g. MANIFEST_UNKNOWN, DENIED. */
    code) {
        super(message, status, body);
        this.code = code;
        this.name = 'RegistryError';
    }
}
function mediaTypeOf(response, json) {
    return (response.headers.get('content-type') ?? '').split(';')[0].trim() || json?.mediaType || '';
}
class RegistryClient {
    options;
    registry;
    baseUrl;
    clock;
    fetch;
    tokens;
    /** undefined: not asked yet; null: the registry needs no authentication. */
    challenge;
    constructor(options) {
        this.options = options;
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
    get tokensFetched() {
        return this.tokens.fetched;
    }
    send(url, method, headers, call = {}) {
        const streamed = call.body instanceof ReadableStream;
        return requestWithRetry(url, {
            method,
            headers: { 'user-agent': 'shipyard-oci', ...headers },
            body: call.body,
            ...(streamed ? { duplex: 'half' } : {}),
            timeoutMs: call.timeoutMs ?? this.options.timeoutMs ?? 60_000,
            retry: call.once ? { attempts: 1 } : this.options.retry,
            onRetry: this.options.onRetry,
        }, { fetch: this.fetch, clock: this.clock });
    }
    pickChallenge(header) {
        const all = parseChallenges(header ?? '');
        return (all.find((c) => c.scheme.toLowerCase() === 'bearer') ??
            all.find((c) => c.scheme.toLowerCase() === 'basic'));
    }
    /** GET /v2/: learns whether and how the registry wants authentication. */
    async ping() {
        const response = await this.send(`${this.baseUrl}/v2/`, 'GET', {});
        await response.body?.cancel();
        if (response.status === 401) {
            this.challenge = this.pickChallenge(response.headers.get('www-authenticate')) ?? null;
            if (!this.challenge)
                throw new AuthError(`${this.registry} answered 401 without a usable challenge`);
        }
        else if (response.ok)
            this.challenge = null;
        else
            throw new RegistryError(`${this.registry}: GET /v2/ answered HTTP ${response.status}`, response.status, '');
    }
    async authorization(scopes) {
        if (this.challenge === undefined)
            await this.ping();
        const challenge = this.challenge;
        if (!challenge)
            return undefined;
        if (challenge.scheme.toLowerCase() === 'basic') {
            if (!this.options.credentials)
                throw new AuthError(`${this.registry} requires a username and password (basic authentication)`);
            return basicHeader(this.options.credentials);
        }
        return `Bearer ${await this.tokens.token(challenge, scopes)}`;
    }
    async call(method, path, call) {
        const url = path.startsWith('http') ? path : `${this.baseUrl}${path}`;
        let scopes = call.scopes;
        for (let attempt = 1;; attempt++) {
            const authorization = await this.authorization(scopes);
            const headers = { ...call.headers, ...(authorization ? { authorization } : {}) };
            const response = await this.send(url, method, headers, call);
            if (response.status !== 401 || attempt > 1 || call.once)
                return response;
            // A new or widened challenge (e.g. insufficient_scope): take it and try once more.
            const challenge = this.pickChallenge(response.headers.get('www-authenticate'));
            if (!challenge)
                return response;
            await response.body?.cancel();
            this.challenge = challenge;
            if (challenge.params.scope)
                scopes = [...scopes, ...challenge.params.scope.split(' ')];
        }
    }
    async fail(response, what) {
        const body = await response.text().catch(() => '');
        let code;
        let detail = '';
        try {
            const parsed = JSON.parse(body);
            code = parsed.errors?.[0]?.code;
            detail = parsed.errors?.map((e) => `${e.code}: ${e.message}`).join('; ') ?? '';
        }
        catch {
            detail = body.slice(0, 200);
        }
        if (response.status === 401 || response.status === 403)
            throw new RegistryError(`${what}: access denied by ${this.registry} (HTTP ${response.status}${detail ? `, ${detail}` : ''}); check the username, password and the token's scopes`, response.status, body, code);
        throw new RegistryError(`${what}: HTTP ${response.status}${detail ? ` (${detail})` : ''}`, response.status, body, code);
    }
    manifestPath(repository, reference) {
        return `/v2/${repository}/manifests/${reference}`;
    }
    /** Downloads a manifest (image or index) and verifies its digest. */
    async getManifest(repository, reference) {
        const what = `GET manifest ${this.registry}/${repository}:${reference}`;
        const response = await this.call('GET', this.manifestPath(repository, reference), {
            scopes: [pullScope(repository)],
            headers: { accept: ACCEPT_MANIFESTS },
        });
        if (!response.ok)
            return this.fail(response, what);
        const bytes = Buffer.from(await response.arrayBuffer());
        const json = JSON.parse(bytes.toString('utf8'));
        const claimed = response.headers.get('docker-content-digest');
        const expected = isValidDigest(reference)
            ? reference
            : claimed && isValidDigest(claimed)
                ? claimed
                : undefined;
        if (expected)
            verifyDigest(bytes, expected, what);
        return { mediaType: mediaTypeOf(response, json), digest: expected ?? digestOf(bytes), bytes, json };
    }
    /** The manifest's digest, media type and size, or undefined when the registry has none by that name. */
    async headManifest(repository, reference) {
        const response = await this.call('HEAD', this.manifestPath(repository, reference), {
            scopes: [pullScope(repository)],
            headers: { accept: ACCEPT_MANIFESTS },
        });
        if (response.status === 404)
            return undefined;
        if (!response.ok)
            return this.fail(response, `HEAD manifest ${this.registry}/${repository}:${reference}`);
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
    async tagDigest(repository, tag) {
        return (await this.headManifest(repository, tag))?.digest;
    }
    /** Uploads a manifest under a tag or its digest; returns the digest, checked against the registry's. */
    async putManifest(repository, reference, bytes, mediaType) {
        const what = `PUT manifest ${this.registry}/${repository}:${reference}`;
        const response = await this.call('PUT', this.manifestPath(repository, reference), {
            scopes: [pushScope(repository)],
            headers: { 'content-type': mediaType },
            body: bytes,
        });
        if (!response.ok)
            return this.fail(response, what);
        await response.body?.cancel();
        const digest = digestOf(bytes);
        const stored = response.headers.get('docker-content-digest');
        if (stored && stored.startsWith('sha256:') && stored !== digest)
            throw new DigestMismatchError(digest, stored, what);
        return digest;
    }
    async deleteManifest(repository, digest) {
        const response = await this.call('DELETE', this.manifestPath(repository, digest), {
            scopes: [pushScope(repository)],
        });
        if (!response.ok && response.status !== 404)
            return this.fail(response, `DELETE manifest ${this.registry}/${repository}@${digest}`);
        await response.body?.cancel();
    }
    /** The blob's size, or undefined when the repository does not have it. */
    async headBlob(repository, digest) {
        const response = await this.call('HEAD', `/v2/${repository}/blobs/${digest}`, {
            scopes: [pullScope(repository)],
        });
        if (response.status === 404)
            return undefined;
        if (!response.ok)
            return this.fail(response, `HEAD blob ${this.registry}/${repository}@${digest}`);
        return { size: Number(response.headers.get('content-length') ?? 0) };
    }
    /** A request's time limit when it carries `size` bytes: at least 100 KB/s, a bound a healthy link beats. */
    transferTimeoutMs(size) {
        return Math.max(this.options.timeoutMs ?? 60_000, 60_000 + Math.ceil(size / 100));
    }
    /**
     * Streams a blob; the stream errors at its end if the content does not match the digest.
     * With `size`, the time limit (which covers reading the body) grows with it.
     */
    async getBlob(repository, digest, size) {
        const what = `GET blob ${this.registry}/${repository}@${digest}`;
        const response = await this.call('GET', `/v2/${repository}/blobs/${digest}`, {
            scopes: [pullScope(repository)],
            ...(size === undefined ? {} : { timeoutMs: this.transferTimeoutMs(size) }),
        });
        if (!response.ok)
            return this.fail(response, what);
        if (!response.body)
            throw new RegistryError(`${what}: empty body`, response.status, '');
        return verifyingStream(response.body, digest, what);
    }
    /** Reads a (small) blob whole, verified, e.g. an image config. */
    async readBlob(repository, digest) {
        const chunks = [];
        for await (const chunk of await this.getBlob(repository, digest))
            chunks.push(chunk);
        return Buffer.concat(chunks);
    }
    /** Asks the registry to link a blob from another repository; false when it would not (then upload). */
    async mountBlob(repository, digest, fromRepository) {
        const query = new URLSearchParams({ mount: digest, from: fromRepository });
        const response = await this.call('POST', `/v2/${repository}/blobs/uploads/?${query}`, {
            scopes: [pushScope(repository), pullScope(fromRepository)],
            body: '',
        });
        if (response.status === 201) {
            await response.body?.cancel();
            return true;
        }
        if (response.status !== 202)
            return this.fail(response, `mount blob ${digest} from ${fromRepository}`);
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
    async openUpload(repository, digest, what) {
        const start = await this.call('POST', `/v2/${repository}/blobs/uploads/`, {
            scopes: [pushScope(repository)],
            body: '',
        });
        if (start.status !== 202)
            return this.fail(start, what);
        await start.body?.cancel();
        const location = start.headers.get('location');
        if (!location)
            throw new RegistryError(`${what}: no upload location`, start.status, '');
        const url = new URL(location, this.baseUrl);
        url.searchParams.set('digest', digest);
        return url;
    }
    /** Uploads a blob in one request (POST then PUT ?digest=); returns its digest. */
    async uploadBlob(repository, bytes) {
        const digest = digestOf(bytes);
        const what = `upload blob ${digest} to ${this.registry}/${repository}`;
        if (await this.headBlob(repository, digest))
            return digest;
        const url = await this.openUpload(repository, digest, what);
        const put = await this.call('PUT', url.href, {
            scopes: [pushScope(repository)],
            headers: { 'content-type': 'application/octet-stream' },
            body: bytes,
        });
        if (put.status !== 201)
            return this.fail(put, what);
        await put.body?.cancel();
        return digest;
    }
    /**
     * Uploads a blob from a stream without holding it in memory. `open` is called once per attempt,
     * since a consumed stream cannot be sent again; the registry checks the content against `digest`.
     * Resolves false when the repository already had the blob (nothing sent), true after an upload.
     */
    async uploadBlobStream(repository, digest, size, open) {
        if (await this.headBlob(repository, digest))
            return false;
        const policy = { ...defaultRetry, ...this.options.retry };
        for (let attempt = 1;; attempt++) {
            try {
                await this.uploadStreamOnce(repository, digest, size, await open());
                return true;
            }
            catch (error) {
                const status = error.status;
                const transient = error instanceof HttpError && (status === undefined || status >= 500 || status === 429);
                if (!transient || attempt >= policy.attempts)
                    throw error;
                const delay = backoffMs(policy, attempt);
                this.options.onRetry?.(error.message, delay, attempt);
                await this.clock.sleep(delay);
            }
        }
    }
    async uploadStreamOnce(repository, digest, size, body) {
        const what = `upload blob ${digest} to ${this.registry}/${repository}`;
        let url;
        try {
            url = await this.openUpload(repository, digest, what);
        }
        catch (error) {
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
        if (put.status !== 201)
            return this.fail(put, what);
        await put.body?.cancel();
    }
    /** All tags of a repository (following pagination links). */
    async listTags(repository) {
        const tags = [];
        let path = `/v2/${repository}/tags/list?n=1000`;
        for (let page = 0; path && page < 100; page++) {
            const response = await this.call('GET', path, { scopes: [pullScope(repository)] });
            if (response.status === 404)
                return tags;
            if (!response.ok)
                return this.fail(response, `list tags of ${this.registry}/${repository}`);
            const body = (await response.json());
            tags.push(...(body.tags ?? []));
            const next = /<([^>]+)>;\s*rel="?next"?/.exec(response.headers.get('link') ?? '')?.[1];
            path = next ? new URL(next, this.baseUrl).href : undefined;
        }
        return tags;
    }
}

;// CONCATENATED MODULE: ./lib/runner.ts
// The GitHub Actions runner protocol: inputs, workflow commands, outputs, job summary.
// Small on purpose: @actions/core would bundle an HTTP client (OIDC) into every action.



function inputEnvName(name) {
    return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}
function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function commandLine(command, message, properties = {}) {
    const props = Object.entries(properties)
        .map(([k, v]) => `${k}=${escapeData(v).replace(/:/g, '%3A').replace(/,/g, '%2C')}`)
        .join(',');
    return `::${command}${props ? ' ' + props : ''}::${escapeData(message)}`;
}
function appendKeyValue(file, name, value) {
    const delimiter = `ghadelimiter_${(0,external_node_crypto_namespaceObject.randomUUID)()}`;
    (0,external_node_fs_namespaceObject.appendFileSync)(file, `${name}<<${delimiter}${external_node_os_namespaceObject.EOL}${value}${external_node_os_namespaceObject.EOL}${delimiter}${external_node_os_namespaceObject.EOL}`);
}
/** A runner speaking to the real runner through stdout and the GITHUB_* files. */
function processRunner(env = process.env, write = (l) => process.stdout.write(l + external_node_os_namespaceObject.EOL)) {
    const secrets = [];
    const redact = (text) => secrets.reduce((t, s) => t.split(s).join('***'), text);
    const say = (line) => write(redact(line));
    return {
        input: (name) => (env[inputEnvName(name)] ?? '').trim(),
        setOutput(name, value) {
            const text = String(value);
            if (env.GITHUB_OUTPUT)
                appendKeyValue(env.GITHUB_OUTPUT, name, text);
            else
                say(commandLine('set-output', text, { name }));
        },
        setSecret(value) {
            for (const line of value.split(/\r?\n/)) {
                if (!line.trim())
                    continue;
                secrets.push(line);
                write(commandLine('add-mask', line));
            }
        },
        info: (message) => say(message),
        debug: (message) => say(commandLine('debug', message)),
        notice: (message) => say(commandLine('notice', message)),
        warning: (message) => say(commandLine('warning', message)),
        error: (message) => say(commandLine('error', message)),
        group: (title) => say(`::group::${escapeData(title)}`),
        endGroup: () => say('::endgroup::'),
        appendSummary(markdown) {
            if (env.GITHUB_STEP_SUMMARY)
                (0,external_node_fs_namespaceObject.appendFileSync)(env.GITHUB_STEP_SUMMARY, redact(markdown) + external_node_os_namespaceObject.EOL);
        },
        fail(message) {
            say(commandLine('error', message));
            process.exitCode = 1;
        },
    };
}
function recordingRunner(inputs = {}) {
    const r = {
        lines: [],
        outputs: {},
        secrets: [],
        summary: [],
        input: (name) => (inputs[name] ?? '').trim(),
        setOutput: (name, value) => void (r.outputs[name] = String(value)),
        setSecret: (value) => void r.secrets.push(value),
        info: (m) => void r.lines.push(m),
        debug: (m) => void r.lines.push(`::debug::${m}`),
        notice: (m) => void r.lines.push(`::notice::${m}`),
        warning: (m) => void r.lines.push(`::warning::${m}`),
        error: (m) => void r.lines.push(`::error::${m}`),
        group: (t) => void r.lines.push(`::group::${t}`),
        endGroup: () => void r.lines.push('::endgroup::'),
        appendSummary: (md) => void r.summary.push(md),
        fail: (m) => {
            r.lines.push(`::error::${m}`);
            r.failed = m;
        },
    };
    return r;
}

;// CONCATENATED MODULE: ./lib/buildah.ts
// buildah's global storage options: a private root and runroot with the vfs driver, which works
// without privileges or a daemon and keeps every caller out of the default image store.

function buildahStorageArgs(storageDir) {
    return [
        '--root',
        (0,external_node_path_namespaceObject.join)(storageDir, 'root'),
        '--runroot',
        (0,external_node_path_namespaceObject.join)(storageDir, 'runroot'),
        '--storage-driver',
        'vfs',
    ];
}

;// CONCATENATED MODULE: ./actions/build-image/src/builders.ts
// The two builders: `docker buildx build` (reads the digest from its metadata file) and
// `buildah bud` (vfs storage, chroot isolation; pushed into an OCI layout with a digest file).






class BuildError extends Error {
    constructor(message) {
        super(message);
        this.name = 'BuildError';
    }
}
async function runLogged(run, log, command, args, input, env) {
    log.info(`$ ${env
        ? Object.entries(env)
            .map(([k, v]) => `${k}=${v} `)
            .join('')
        : ''}${commandText(command, args)}`);
    const result = await run(command, args, {
        input,
        env,
        onOutput: (text) => log.info(text.replace(/\n$/, '')),
    });
    if (result.code !== 0)
        throw new BuildError(`${command} ${args.slice(0, 2).join(' ')} failed with exit code ${result.code}`);
    return result;
}
function labelArgs(flag, labels) {
    return Object.entries(labels).flatMap(([key, value]) => [flag, `${key}=${value}`]);
}
// ---- docker buildx ----------------------------------------------------------------------------
function buildxArgs(spec, metadataFile) {
    const args = ['buildx', 'build', '--file', spec.file, '--metadata-file', metadataFile];
    // Default provenance attestations turn the image into an index with unknown/unknown entries on GHCR.
    args.push('--provenance=false');
    const name = spec.image ? imageName(spec.image) : undefined;
    if (spec.push && name)
        args.push('--output', `type=image,name=${name},push-by-digest=true,name-canonical=true,push=true`);
    else if (spec.platforms.length > 1)
        args.push('--output', 'type=image,push=false');
    else {
        args.push('--load');
        if (name)
            for (const tag of spec.tags)
                args.push('--tag', `${name}:${tag}`);
    }
    args.push(...labelArgs('--label', spec.labels), ...labelArgs('--annotation', spec.labels));
    for (const [key, value] of spec.buildArgs)
        args.push('--build-arg', `${key}=${value}`);
    if (spec.sourceDateEpoch !== undefined && !spec.buildArgs.some(([key]) => key === 'SOURCE_DATE_EPOCH'))
        args.push('--build-arg', `SOURCE_DATE_EPOCH=${spec.sourceDateEpoch}`);
    if (spec.platforms.length)
        args.push('--platform', spec.platforms.join(','));
    if (spec.cache === 'gha')
        args.push('--cache-from', 'type=gha', '--cache-to', 'type=gha,mode=max');
    if (spec.cache === 'registry' && name) {
        args.push('--cache-from', `type=registry,ref=${name}:buildcache`);
        // Exporting the cache is a push; without `push` nothing may be written to the registry.
        if (spec.push)
            args.push('--cache-to', `type=registry,ref=${name}:buildcache,mode=max`);
    }
    args.push(spec.context);
    return args;
}
function parseBuildxMetadata(text) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch {
        throw new BuildError('docker buildx wrote a metadata file that is not JSON');
    }
    const descriptor = data['containerimage.descriptor'];
    // A `--load` into the classic docker image store reports only the config digest, which is the image ID.
    const digest = data['containerimage.digest'] ??
        descriptor?.digest ??
        data['containerimage.config.digest'];
    if (!digest || !/^sha256:[a-f0-9]{64}$/.test(digest))
        throw new BuildError('docker buildx metadata has no containerimage.digest');
    return {
        digest,
        configDigest: data['containerimage.config.digest'],
        mediaType: descriptor?.mediaType,
        size: descriptor?.size,
        imageName: data['image.name'],
    };
}
function dockerLoginArgs(registry, username) {
    return ['login', '--username', username, '--password-stdin', registry];
}
/** The docker config directory the user's docker commands use (`DOCKER_CONFIG`, else `~/.docker`). */
function userDockerConfigDir(env) {
    return env.DOCKER_CONFIG || (0,external_node_path_namespaceObject.join)(env.HOME || (0,external_node_os_namespaceObject.homedir)(), '.docker');
}
/**
 * A private DOCKER_CONFIG for this step, seeded with a copy of the user's (so buildx builders and
 * contexts keep working): `docker login` then writes the password there, not into the runner's
 * home, where it would outlive the job on a self-hosted runner. Removed in `buildWithDocker`.
 */
function privateDockerConfig(workDir, env) {
    (0,external_node_fs_namespaceObject.mkdirSync)(workDir, { recursive: true });
    const dir = (0,external_node_fs_namespaceObject.mkdtempSync)((0,external_node_path_namespaceObject.join)(workDir, 'docker-config-'));
    const source = userDockerConfigDir(env);
    if ((0,external_node_fs_namespaceObject.existsSync)(source))
        (0,external_node_fs_namespaceObject.cpSync)(source, dir, { recursive: true });
    return dir;
}
async function buildWithDocker(spec, io) {
    const configDir = privateDockerConfig(spec.workDir, io.env ?? process.env);
    const dockerEnv = { DOCKER_CONFIG: configDir };
    try {
        if (io.credentials && spec.image && spec.push)
            await runLogged(io.exec, io.log, 'docker', dockerLoginArgs(spec.image.registry, io.credentials.username), io.credentials.password, dockerEnv);
        const metadataFile = (0,external_node_path_namespaceObject.join)(spec.workDir, 'buildx-metadata.json');
        await runLogged(io.exec, io.log, 'docker', buildxArgs(spec, metadataFile), undefined, dockerEnv);
        return parseBuildxMetadata((0,external_node_fs_namespaceObject.readFileSync)(metadataFile, 'utf8'));
    }
    finally {
        (0,external_node_fs_namespaceObject.rmSync)(configDir, { recursive: true, force: true });
    }
}
// ---- buildah ------------------------------------------------------------------------------------
const LOCAL_NAME = 'localhost/shipyard-build';
function buildahBudArgs(spec, storageDir, iidFile) {
    const args = [...buildahStorageArgs(storageDir), 'bud', '--isolation', 'chroot', '--format', 'oci'];
    args.push('--file', spec.file, '--iidfile', iidFile, '--tag', LOCAL_NAME);
    if (spec.sourceDateEpoch !== undefined)
        args.push('--timestamp', String(spec.sourceDateEpoch));
    if (spec.image)
        for (const tag of spec.tags)
            args.push('--tag', `${imageName(spec.image)}:${tag}`);
    args.push(...labelArgs('--label', spec.labels), ...labelArgs('--annotation', spec.labels));
    for (const [key, value] of spec.buildArgs)
        args.push('--build-arg', `${key}=${value}`);
    if (spec.platforms.length)
        args.push('--platform', spec.platforms[0]);
    args.push(spec.context);
    return args;
}
function buildahPushArgs(storageDir, layoutDir, digestFile) {
    return [
        ...buildahStorageArgs(storageDir),
        'push',
        '--format',
        'oci',
        '--digestfile',
        digestFile,
        LOCAL_NAME,
        `oci:${layoutDir}:image`,
    ];
}
async function buildWithBuildah(spec, io) {
    (0,external_node_fs_namespaceObject.mkdirSync)(spec.workDir, { recursive: true });
    const iidFile = (0,external_node_path_namespaceObject.join)(spec.workDir, 'buildah-iid');
    const digestFile = (0,external_node_path_namespaceObject.join)(spec.workDir, 'buildah-digest');
    const layoutDir = (0,external_node_path_namespaceObject.join)(spec.workDir, 'oci-layout');
    await runLogged(io.exec, io.log, 'buildah', buildahBudArgs(spec, io.storageDir, iidFile));
    await runLogged(io.exec, io.log, 'buildah', buildahPushArgs(io.storageDir, layoutDir, digestFile));
    const digest = (0,external_node_fs_namespaceObject.readFileSync)(digestFile, 'utf8').trim();
    if (!/^sha256:[a-f0-9]{64}$/.test(digest))
        throw new BuildError(`buildah wrote no digest to ${digestFile}`);
    return { digest, imageId: (0,external_node_fs_namespaceObject.readFileSync)(iidFile, 'utf8').trim(), layoutDir };
}
// ---- choosing ----------------------------------------------------------------------------------
/** Whether a command runs and exits 0 within 15 s (a hung daemon socket must not hang the job). */
async function answers(run, command, args) {
    try {
        return (await run(command, args, { signal: AbortSignal.timeout(15_000) })).code === 0;
    }
    catch {
        return false;
    }
}
/** `auto`: docker buildx when a daemon answers, else buildah; undefined when neither can run. */
async function resolveBuilder(choice, run) {
    const docker = async () => (await answers(run, 'docker', ['info', '--format', '{{.ServerVersion}}'])) &&
        (await answers(run, 'docker', ['buildx', 'version']));
    const buildah = () => answers(run, 'buildah', ['--version']);
    if (choice === 'docker')
        return (await docker()) ? 'docker' : undefined;
    if (choice === 'buildah')
        return (await buildah()) ? 'buildah' : undefined;
    if (await docker())
        return 'docker';
    return (await buildah()) ? 'buildah' : undefined;
}

;// CONCATENATED MODULE: ./actions/build-image/src/immutable.ts
// Immutable tags: patterns naming tags that, once pushed, must never point elsewhere.
// `semver` means a full release version (v1.2.3, v1.2.3-rc.1); `{{sha}}` means 7-40 hex digits;
// `*` and `?` are globs. Moving tags such as `latest` or `v1` match none of the defaults.

const DEFAULT_IMMUTABLE = ['semver', '*-{{sha}}'];
const SEMVER_SOURCE = 'v?\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?';
function compilePattern(pattern) {
    if (pattern === 'semver')
        return new RegExp(`^${SEMVER_SOURCE}$`);
    if (!/^[A-Za-z0-9_.*?{}-]+$/.test(pattern))
        throw new InputError('immutable-tags', '`semver` or tag globs using `*`, `?` and `{{sha}}`', pattern);
    const source = pattern
        .split(/(\{\{sha\}\}|\*|\?)/)
        .map((part) => {
        if (part === '{{sha}}')
            return '[0-9a-f]{7,40}';
        if (part === '*')
            return '.*';
        if (part === '?')
            return '.';
        if (/[{}]/.test(part))
            throw new InputError('immutable-tags', 'only the `{{sha}}` placeholder in patterns', pattern);
        return part.replace(/[.]/g, '\\.');
    })
        .join('');
    return new RegExp(`^${source}$`);
}
function immutableMatcher(patterns) {
    const compiled = patterns.map(compilePattern);
    return (tag) => compiled.some((re) => re.test(tag));
}
class ImmutableTagError extends Error {
    conflicts;
    uploadedUntagged;
    constructor(conflicts, 
    /** The image was already uploaded untagged (docker buildx pushes while it builds). */
    uploadedUntagged = false) {
        const outcome = uploadedUntagged
            ? 'No tag was changed (docker buildx had already pushed the new image by digest, untagged).'
            : 'Nothing was pushed.';
        super(`Refusing to push: immutable tag${conflicts.length > 1 ? 's' : ''} ${conflicts
            .map((c) => `'${c.tag}' (already ${c.previous})`)
            .join(', ')} would point to a different image. ${outcome}`);
        this.conflicts = conflicts;
        this.uploadedUntagged = uploadedUntagged;
        this.name = 'ImmutableTagError';
    }
}
/** Decides each tag's fate; throws ImmutableTagError before anything is pushed. */
async function planTags(tags, digest, isImmutable, current, uploadedUntagged = false) {
    const plans = await Promise.all(tags.map(async (tag) => {
        const previous = await current(tag);
        const state = previous === undefined ? 'new' : previous === digest ? 'unchanged' : 'moved';
        return { tag, state, immutable: isImmutable(tag), previous };
    }));
    const conflicts = plans.filter((p) => p.immutable && p.state === 'moved');
    if (conflicts.length)
        throw new ImmutableTagError(conflicts, uploadedUntagged);
    return plans;
}

;// CONCATENATED MODULE: ./actions/build-image/src/inputs.ts
// Every input of build-image, read and validated before anything runs.





/** Parses a reference input; a malformed one is an InputError giving `expected` and the reason. */
function referenceInput(name, text, expected) {
    try {
        return parseReference(text);
    }
    catch (error) {
        if (error instanceof InvalidReferenceError)
            throw new InputError(name, `${expected} (${error.reason})`, text);
        throw error;
    }
}
function imageInput(read) {
    const text = read('image');
    if (!text)
        return undefined;
    const ref = referenceInput('image', text, 'an image name such as ghcr.io/owner/app');
    if (ref.tag || ref.digest)
        throw new InputError('image', 'a name without tag or digest (give tags with `tags` or `environment`)', text);
    return ref;
}
function promoteInput(read) {
    const text = read('promote-from');
    if (!text)
        return undefined;
    const expected = 'an image reference with a digest, such as ghcr.io/owner/app@sha256:<64 hex digits>';
    const ref = referenceInput('promote-from', text, expected);
    if (!ref.digest)
        throw new InputError('promote-from', expected, text);
    return ref;
}
function directoryInput(read, workspace) {
    const text = read('context') || '.';
    const path = (0,external_node_path_namespaceObject.isAbsolute)(text) ? text : (0,external_node_path_namespaceObject.resolve)(workspace, text);
    if (!(0,external_node_fs_namespaceObject.existsSync)(path) || !(0,external_node_fs_namespaceObject.statSync)(path).isDirectory())
        throw new InputError('context', 'an existing directory (the build context)', text);
    return path;
}
function fileInput(read, workspace, context) {
    const text = read('file');
    if (text) {
        const path = (0,external_node_path_namespaceObject.isAbsolute)(text) ? text : (0,external_node_path_namespaceObject.resolve)(workspace, text);
        if (!(0,external_node_fs_namespaceObject.existsSync)(path) || !(0,external_node_fs_namespaceObject.statSync)(path).isFile())
            throw new InputError('file', 'an existing Dockerfile', text);
        return path;
    }
    const found = ['Dockerfile', 'Containerfile'].map((name) => (0,external_node_path_namespaceObject.join)(context, name)).find((p) => (0,external_node_fs_namespaceObject.existsSync)(p));
    if (!found)
        throw new InputError('file', `a Dockerfile (none at ${(0,external_node_path_namespaceObject.join)(context, 'Dockerfile')})`);
    return found;
}
function credentialsInput(read, setSecret) {
    const username = read('username');
    const password = read('password');
    if (password)
        setSecret(password);
    if (!username && !password)
        return undefined;
    if (!username)
        throw new InputError('username', 'a username to go with `password`');
    if (!password)
        throw new InputError('password', 'a password or token to go with `username`');
    return { username, password };
}
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;
function platformsInput(read) {
    const platforms = read('platforms')
        .split(/[\n,]/)
        .map((p) => p.trim())
        .filter(Boolean);
    const bad = platforms.find((p) => !PLATFORM.test(p));
    if (bad)
        throw new InputError('platforms', 'platforms such as linux/amd64,linux/arm64', bad);
    return platforms;
}
function immutableInput(read) {
    const lines = linesInput(read, 'immutable-tags');
    if (lines.length === 1 && lines[0] === 'none')
        return [];
    return lines.length ? lines : DEFAULT_IMMUTABLE;
}
function readInputs(read, setSecret, workspace) {
    const credentials = credentialsInput(read, setSecret);
    const image = imageInput(read);
    const promoteFrom = promoteInput(read);
    const push = booleanInput(read, 'push', true);
    const builder = choiceInput(read, 'builder', ['auto', 'docker', 'buildah'], 'auto');
    const environment = choiceInput(read, 'environment', ['staging', 'production', 'none'], 'none');
    const cache = choiceInput(read, 'cache', ['gha', 'registry', 'none'], 'none');
    const immutablePatterns = immutableInput(read);
    const isImmutable = immutableMatcher(immutablePatterns);
    const tagTemplates = linesInput(read, 'tags');
    const buildArgs = pairsInput(read, 'build-args', '=', 'lines of NAME=value');
    const labels = pairsInput(read, 'labels', '=', 'lines of key=value');
    const platforms = platformsInput(read);
    if (push && !image && !promoteFrom)
        throw new InputError('image', 'an image name when `push` is true (or set `push: false`)');
    if (promoteFrom && !push)
        throw new InputError('push', '`true` with `promote-from` (promotion pushes tags)', 'false');
    // A promotion builds nothing, so context and file are not looked at.
    const context = promoteFrom ? workspace : directoryInput(read, workspace);
    const file = promoteFrom ? '' : fileInput(read, workspace, context);
    if (builder === 'buildah' && platforms.length > 1)
        throw new InputError('platforms', 'one platform with `builder: buildah` (use `builder: docker` for several)', platforms.join(','));
    return {
        imageText: read('image'),
        image: image ?? (promoteFrom ? { ...promoteFrom, tag: undefined, digest: undefined } : undefined),
        context,
        file,
        environment,
        tagTemplates,
        push,
        builder,
        credentials,
        promoteFrom,
        buildArgs,
        labels,
        platforms,
        cache,
        immutablePatterns,
        isImmutable,
    };
}

;// CONCATENATED MODULE: ./actions/build-image/src/labels.ts
// OCI labels (image config) and annotations (manifest) describing where an image came from.

function ociLabels(context, options) {
    const url = repositoryUrl(context);
    const labels = {
        'org.opencontainers.image.title': options.title ?? context.repository.split('/').pop() ?? '',
        'org.opencontainers.image.description': context.repositoryInfo.description ?? '',
        'org.opencontainers.image.source': url,
        'org.opencontainers.image.url': url,
        'org.opencontainers.image.revision': context.commitSha,
        'org.opencontainers.image.version': options.version,
        'org.opencontainers.image.created': options.created.toISOString(),
        'org.opencontainers.image.licenses': context.repositoryInfo.license ?? '',
    };
    for (const [key, value] of options.extra ?? [])
        labels[key] = value;
    return Object.fromEntries(Object.entries(labels).filter(([, value]) => value !== ''));
}
function labelLines(labels) {
    return Object.entries(labels)
        .map(([key, value]) => `${key}=${value}`)
        .join('\n');
}

;// CONCATENATED MODULE: ./lib/oci/copy.ts

function sameRepository(a, b) {
    return a.client.registry === b.client.registry && a.repository === b.repository;
}
async function ensureBlob(source, target, blob, result) {
    if (await target.client.headBlob(target.repository, blob.digest)) {
        result.blobsPresent++;
        return;
    }
    if (source.client.registry === target.client.registry &&
        (await target.client.mountBlob(target.repository, blob.digest, source.repository))) {
        result.blobsMounted++;
        return;
    }
    await target.client.uploadBlobStream(target.repository, blob.digest, blob.size, () => source.client.getBlob(source.repository, blob.digest, blob.size));
    result.blobsCopied++;
}
async function copyTree(source, target, digest, result, depth) {
    if (depth > 4)
        throw new Error(`image index nesting deeper than 4 levels at ${digest}`);
    const manifest = await source.client.getManifest(source.repository, digest);
    if (!sameRepository(source, target)) {
        if (isIndexType(manifest.mediaType)) {
            for (const child of manifest.json.manifests) {
                if (await target.client.headManifest(target.repository, child.digest))
                    continue;
                const copied = await copyTree(source, target, child.digest, result, depth + 1);
                await target.client.putManifest(target.repository, child.digest, copied.bytes, copied.mediaType);
                result.manifestsPut++;
            }
        }
        else {
            const image = manifest.json;
            for (const blob of [image.config, ...(image.layers ?? [])])
                await ensureBlob(source, target, blob, result);
        }
    }
    return { bytes: manifest.bytes, mediaType: manifest.mediaType };
}
/** Puts the manifest `digest` of `source` under each of `tags` in `target`; nothing is rebuilt. */
async function copyImage(source, digest, target, tags) {
    const result = {
        digest,
        mediaType: '',
        manifestsPut: 0,
        blobsMounted: 0,
        blobsCopied: 0,
        blobsPresent: 0,
    };
    const root = await copyTree(source, target, digest, result, 0);
    result.mediaType = root.mediaType;
    for (const tag of tags) {
        const put = await target.client.putManifest(target.repository, tag, root.bytes, root.mediaType);
        if (put !== digest)
            throw new Error(`tag ${tag} was stored as ${put}, not ${digest}`);
        result.manifestsPut++;
    }
    if (!tags.length && !sameRepository(source, target)) {
        await target.client.putManifest(target.repository, digest, root.bytes, root.mediaType);
        result.manifestsPut++;
    }
    return result;
}

;// CONCATENATED MODULE: ./lib/oci/inspect.ts

/** The config labels of an image; for an index, those of its first image (platforms share them). */
async function imageLabels(client, repository, digest) {
    const manifest = await client.getManifest(repository, digest);
    if (isIndexType(manifest.mediaType)) {
        const first = manifest.json.manifests.find((m) => !isIndexType(m.mediaType));
        return first ? imageLabels(client, repository, first.digest) : {};
    }
    const config = manifest.json.config;
    const json = JSON.parse((await client.readBlob(repository, config.digest)).toString('utf8'));
    return json.config?.Labels ?? {};
}

;// CONCATENATED MODULE: ./lib/oci/layout.ts
// OCI image layouts on disk (index.json + blobs/<alg>/<hex>), as `buildah push oci:<dir>` writes
// them: read a manifest out of one, or upload one to a registry by digest.





function layoutBlobPath(dir, digest) {
    const [algorithm, hex] = digest.split(':');
    return (0,external_node_path_namespaceObject.join)(dir, 'blobs', algorithm, hex);
}
function readLayoutBlob(dir, digest) {
    const path = layoutBlobPath(dir, digest);
    if (!(0,external_node_fs_namespaceObject.existsSync)(path))
        throw new Error(`OCI layout ${dir} has no blob ${digest}`);
    const bytes = (0,external_node_fs_namespaceObject.readFileSync)(path);
    verifyDigest(bytes, digest, `blob ${digest} in ${dir}`);
    return bytes;
}
function readLayoutManifest(dir, digest) {
    const bytes = readLayoutBlob(dir, digest);
    const json = JSON.parse(bytes.toString('utf8'));
    const listed = JSON.parse((0,external_node_fs_namespaceObject.readFileSync)((0,external_node_path_namespaceObject.join)(dir, 'index.json'), 'utf8')).manifests.find((m) => m.digest === digest);
    const mediaType = json.mediaType ?? listed?.mediaType ?? '';
    return { digest, mediaType, bytes, json };
}
/** Sum of the blob sizes a manifest refers to (config and layers; for an index, its children's). */
function imageSizeFromLayout(dir, digest) {
    const manifest = readLayoutManifest(dir, digest);
    if (isIndexType(manifest.mediaType))
        return manifest.json.manifests.reduce((sum, m) => sum + imageSizeFromLayout(dir, m.digest), 0);
    const image = manifest.json;
    return [image.config, ...image.layers].reduce((sum, d) => sum + d.size, 0);
}
/** Uploads the manifest `digest` of a layout, with its blobs, to `repository` by digest (no tag). */
async function pushLayout(client, repository, dir, digest, upload = { blobsUploaded: 0, blobsPresent: 0, bytesUploaded: 0 }) {
    const manifest = readLayoutManifest(dir, digest);
    const children = isIndexType(manifest.mediaType)
        ? manifest.json.manifests
        : [];
    for (const child of children)
        await pushLayout(client, repository, dir, child.digest, upload);
    if (!children.length) {
        const image = manifest.json;
        for (const blob of [image.config, ...image.layers]) {
            const path = layoutBlobPath(dir, blob.digest);
            if (!(0,external_node_fs_namespaceObject.existsSync)(path))
                throw new Error(`OCI layout ${dir} has no blob ${blob.digest}`);
            const open = () => external_node_stream_namespaceObject.Readable.toWeb((0,external_node_fs_namespaceObject.createReadStream)(path));
            if (await client.uploadBlobStream(repository, blob.digest, blob.size, open)) {
                upload.blobsUploaded++;
                upload.bytesUploaded += blob.size;
            }
            else
                upload.blobsPresent++;
        }
    }
    const stored = await client.putManifest(repository, digest, manifest.bytes, manifest.mediaType);
    if (stored !== digest)
        throw new Error(`the registry stored ${digest} as ${stored}`);
    return upload;
}
/** Sum of the blob sizes of a manifest in a registry. */
async function imageSize(client, repository, digest) {
    const manifest = await client.getManifest(repository, digest);
    if (isIndexType(manifest.mediaType)) {
        let sum = 0;
        for (const child of manifest.json.manifests)
            sum += await imageSize(client, repository, child.digest);
        return sum;
    }
    const image = manifest.json;
    return [image.config, ...image.layers].reduce((total, d) => total + d.size, 0);
}

;// CONCATENATED MODULE: ./actions/build-image/src/publish.ts






function putTags(plans) {
    return plans.filter((p) => p.state !== 'unchanged').map((p) => p.tag);
}
function plan(client, image, tags, digest, isImmutable, uploadedUntagged = false) {
    const current = (tag) => client.tagDigest(image.repository, tag);
    return planTags(tags, digest, isImmutable, current, uploadedUntagged);
}
/** Tags an image already in `image`'s repository by digest (re-putting its manifest). */
async function tagByDigest(client, image, digest, plans) {
    const location = { client, repository: image.repository };
    return copyImage(location, digest, location, putTags(plans));
}
async function buildAndPush(options) {
    const { spec, log } = options;
    const now = options.now ?? Date.now;
    const local = (digest, started, sizeBytes) => ({
        digest,
        tags: spec.tags.map((tag) => ({ tag, state: 'local', immutable: options.isImmutable(tag) })),
        sizeBytes,
        pushed: false,
        buildMs: now() - started,
    });
    const started = now();
    if (options.builder === 'buildah') {
        const built = await buildWithBuildah(spec, {
            exec: options.exec,
            log,
            storageDir: options.buildahStorage,
        });
        const buildMs = now() - started;
        const sizeBytes = imageSizeFromLayout(built.layoutDir, built.digest);
        if (!spec.push || !spec.image)
            return local(built.digest, started, sizeBytes);
        const client = options.registries.client(spec.image.registry);
        // The digest is known before upload, so an immutable-tag conflict stops everything here.
        const plans = await plan(client, spec.image, spec.tags, built.digest, options.isImmutable);
        log.info(`Uploading ${built.digest} to ${imageName(spec.image)} by digest`);
        await pushLayout(client, spec.image.repository, built.layoutDir, built.digest);
        const copy = await tagByDigest(client, spec.image, built.digest, plans);
        return { digest: built.digest, tags: plans, sizeBytes, pushed: true, buildMs, copy };
    }
    const metadata = await buildWithDocker(spec, { exec: options.exec, log, credentials: options.credentials });
    const buildMs = now() - started;
    if (!spec.push || !spec.image)
        return local(metadata.digest, started);
    const client = options.registries.client(spec.image.registry);
    const plans = await plan(client, spec.image, spec.tags, metadata.digest, options.isImmutable, true);
    const copy = await tagByDigest(client, spec.image, metadata.digest, plans);
    const sizeBytes = await imageSize(client, spec.image.repository, metadata.digest);
    return { digest: metadata.digest, tags: plans, sizeBytes, pushed: true, buildMs, copy };
}
class SourceMissingError extends Error {
    constructor(reference) {
        super(`promote-from ${reference} does not exist in the registry; nothing was promoted`);
        this.name = 'SourceMissingError';
    }
}
async function promote(options) {
    const { source, target } = options;
    const sourceClient = options.registries.client(source.registry);
    const targetClient = options.registries.client(target.registry);
    if (!(await sourceClient.headManifest(source.repository, source.digest)))
        throw new SourceMissingError(`${imageName(source)}@${source.digest}`);
    const plans = await plan(targetClient, target, options.tags, source.digest, options.isImmutable);
    const copy = await copyImage({ client: sourceClient, repository: source.repository }, source.digest, { client: targetClient, repository: target.repository }, putTags(plans));
    const sizeBytes = await imageSize(targetClient, target.repository, source.digest);
    const labels = await imageLabels(targetClient, target.repository, source.digest);
    return { digest: source.digest, tags: plans, sizeBytes, pushed: true, copy, labels };
}

;// CONCATENATED MODULE: ./actions/build-image/src/source-date.ts
/** Seconds since the epoch: the push event's head commit, else `git log`, else undefined. */
async function commitEpoch(context, exec, workspace) {
    const head = context.event.head_commit;
    if (head?.id === context.commitSha && head.timestamp) {
        const ms = Date.parse(head.timestamp);
        if (!Number.isNaN(ms))
            return Math.floor(ms / 1000);
    }
    try {
        const git = await exec('git', ['-C', workspace, 'log', '-1', '--format=%ct', context.commitSha], {
            signal: AbortSignal.timeout(10_000),
        });
        const text = git.stdout.trim();
        return git.code === 0 && /^\d+$/.test(text) ? Number(text) : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./lib/summary.ts
// Markdown for job summaries.
function escapeCell(text) {
    return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
function table(header, rows) {
    const line = (cells) => `| ${cells.map(escapeCell).join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
function details(title, body) {
    return `<details><summary>${escapeHtml(title)}</summary>\n\n${body}\n\n</details>`;
}
function codeBlock(text, language = '') {
    const fence = text.includes('```') ? '````' : '```';
    return `${fence}${language}\n${text}\n${fence}`;
}
function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/** A code span that survives backticks in the text (a longer fence, padded when needed). */
function inlineCode(text) {
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${text}${pad}${fence}`;
}

;// CONCATENATED MODULE: ./actions/build-image/src/summary.ts
// The job summary: what was built or promoted, where it went, and what each tag did.

function formatBytes(bytes) {
    if (bytes === undefined)
        return 'unknown';
    const units = ['B', 'KB', 'MB', 'GB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${unit ? value.toFixed(1) : value} ${units[unit]}`;
}
const STATE_TEXT = {
    new: 'new',
    moved: 'moved here',
    unchanged: 'unchanged (already this digest)',
    local: 'local only (not pushed)',
};
function summaryMarkdown(options) {
    const { published } = options;
    const rows = [
        ['Digest', `\`${published.digest}\``],
        ['Size', formatBytes(published.sizeBytes)],
        ['Builder', options.promotedFrom ? `none (promoted from \`${options.promotedFrom}\`)` : options.builder],
        [
            options.promotedFrom ? 'Promotion time' : 'Build time',
            `${((published.buildMs ?? options.totalMs) / 1000).toFixed(1)} s`,
        ],
    ];
    const tagRows = published.tags.map((t) => [
        `\`${t.tag}\``,
        STATE_TEXT[t.state],
        t.immutable ? 'yes' : 'no',
    ]);
    const parts = [
        `### ${options.promotedFrom ? 'Promoted' : published.pushed ? 'Built and pushed' : 'Built'} ${options.image || 'image'}`,
        table(['Image', `\`${options.image || '(none)'}\``], rows),
        tagRows.length ? table(['Tag', 'Change', 'Immutable'], tagRows) : '_No tags._',
    ];
    if (options.commands.length)
        parts.push(details('Commands', codeBlock(options.commands.join('\n'), 'sh')));
    return parts.join('\n\n') + '\n';
}

;// CONCATENATED MODULE: ./actions/build-image/src/tags.ts


const SEMVER = /^v(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
/** A `vX.Y.Z[-pre]` git tag, or undefined. */
function releaseOf(context) {
    if (context.refType !== 'tag')
        return undefined;
    const m = SEMVER.exec(context.refName);
    if (!m)
        return undefined;
    return {
        tag: context.refName.replace(/\+.*$/, ''),
        major: `v${m[1]}`,
        minor: `v${m[1]}.${m[2]}`,
        prerelease: Boolean(m[4]),
    };
}
function sha7(context) {
    return context.commitSha.slice(0, 7);
}
/** A branch name made safe for a tag: `feature/Login` → `feature-login`. */
function tagSafe(text) {
    return text
        .toLowerCase()
        .replace(/[^a-z0-9_.-]+/g, '-')
        .replace(/^[.-]+/, '')
        .slice(0, 128);
}
/** The version this build stands for: the release tag, `pr-<n>`, or `<branch>-<sha7>`. */
function versionOf(context) {
    const release = releaseOf(context);
    if (release)
        return release.tag;
    if (context.pullRequest)
        return `pr-${context.pullRequest.number}`;
    const name = tagSafe(context.refName);
    return name ? `${name}-${sha7(context)}` : `sha-${sha7(context)}`;
}
function environmentTags(environment, context) {
    const short = sha7(context);
    const release = releaseOf(context);
    const tags = [];
    if (environment === 'staging')
        tags.push('staging-latest', `staging-${short}`);
    if (environment === 'production') {
        tags.push('production-latest', `prod-${short}`);
        if (!release?.prerelease)
            tags.push('latest');
    }
    if (environment === 'none')
        tags.push(`sha-${short}`);
    if (release && environment !== 'staging') {
        tags.push(release.tag);
        if (!release.prerelease)
            tags.push(release.minor, release.major);
    }
    if (context.pullRequest)
        tags.push(`pr-${context.pullRequest.number}`);
    return tags;
}
const PLACEHOLDER = /\{\{\s*([a-z0-9]+)\s*\}\}/g;
function placeholderValues(context) {
    return {
        sha7: sha7(context),
        sha: context.commitSha,
        version: versionOf(context),
        branch: context.refType === 'branch' || context.refType === 'pull' ? tagSafe(context.refName) : undefined,
        pr: context.pullRequest ? String(context.pullRequest.number) : undefined,
    };
}
/** Expands `tags` template lines; a template giving an invalid tag is an InputError. */
function expandTemplates(templates, context) {
    const values = placeholderValues(context);
    const result = { tags: [], skipped: [] };
    for (const template of templates) {
        let missing = false;
        const tag = template.replace(PLACEHOLDER, (_, name) => {
            if (!(name in values))
                throw new InputError('tags', 'placeholders {{sha7}}, {{sha}}, {{version}}, {{branch}} or {{pr}}', template);
            const value = values[name];
            if (value === undefined)
                missing = true;
            return value ?? '';
        });
        if (missing) {
            result.skipped.push(template);
            continue;
        }
        const problem = tagProblem(tag);
        if (problem)
            throw new InputError('tags', `templates that give valid tags (${problem})`, `${template} → ${tag}`);
        result.tags.push(tag);
    }
    return result;
}
function unique(tags) {
    return [...new Set(tags)];
}

;// CONCATENATED MODULE: ./actions/build-image/src/main.ts
// build-image: read inputs, build once (or promote a digest), tag by environment, report.


















function registries(inputs, runner, fetchImpl) {
    const clients = new Map();
    return {
        client(registry) {
            let client = clients.get(registry);
            if (!client) {
                // Credentials go only to the registry of `image`, never to another host.
                const credentials = registry === inputs.image?.registry ? inputs.credentials : undefined;
                // A retry can wait for a while (Retry-After); the log says why the step is quiet.
                const onRetry = (reason, delayMs, attempt) => runner.info(`${registry}: ${reason} (attempt ${attempt}); retrying in ${formatDuration(delayMs)}`);
                client = new RegistryClient({ registry, credentials, fetch: fetchImpl, onRetry });
                clients.set(registry, client);
            }
            return client;
        },
    };
}
function commandRecorder(runner) {
    const commands = [];
    return {
        commands,
        log: {
            info(message) {
                if (message.startsWith('$ '))
                    commands.push(message.slice(2));
                runner.info(message);
            },
        },
    };
}
function computeTags(inputs, context, runner) {
    const expanded = expandTemplates(inputs.tagTemplates, context);
    for (const skipped of expanded.skipped)
        runner.info(`Tag template '${skipped}' does not apply to this event; skipped.`);
    return unique([...environmentTags(inputs.environment, context), ...expanded.tags]);
}
const COMMIT_SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/i;
function missingShaMessage(sha) {
    const got = sha ? `'${sha}' is not a full commit SHA` : 'GITHUB_SHA is not set';
    return `build-image needs the commit it builds: ${got}. Tags (\`staging-<sha7>\`, \`sha-<sha7>\`) and the revision label are made from it; run it in a GitHub Actions job or set GITHUB_SHA.`;
}
async function run(io = {}) {
    const runner = io.runner ?? processRunner();
    const env = io.env ?? process.env;
    const exec = io.exec ?? exec_exec;
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    let inputs;
    let tags;
    let context;
    try {
        inputs = readInputs((name) => runner.input(name), (s) => runner.setSecret(s), workspace);
        context = readGitHubContext(env);
        if (!COMMIT_SHA.test(context.commitSha))
            return runner.fail(missingShaMessage(context.commitSha));
        tags = computeTags(inputs, context, runner);
    }
    catch (error) {
        if (error instanceof InputError)
            return runner.fail(error.message);
        throw error;
    }
    const notice = inputs.image && inputs.imageText ? loweredNotice(inputs.imageText, inputs.image) : undefined;
    if (notice)
        runner.notice(notice);
    const version = versionOf(context);
    const now = io.now ?? (() => new Date());
    let labels = ociLabels(context, { version, created: now(), extra: inputs.labels });
    const started = Date.now();
    const recorder = commandRecorder(runner);
    let published;
    let builder = 'none';
    try {
        if (inputs.promoteFrom) {
            runner.info(`Promoting ${imageName(inputs.promoteFrom)}@${inputs.promoteFrom.digest}: nothing is built.`);
            published = await promote({
                source: { ...inputs.promoteFrom, digest: inputs.promoteFrom.digest },
                target: inputs.image,
                tags,
                isImmutable: inputs.isImmutable,
                registries: registries(inputs, runner, io.fetch),
            });
        }
        else {
            const resolved = await resolveBuilder(inputs.builder, exec);
            if (!resolved)
                return runner.fail(new InputError('builder', inputs.builder === 'auto'
                    ? 'a builder on this runner: docker with buildx and a running daemon, or buildah'
                    : `${inputs.builder} to be installed and working on this runner`, inputs.builder).message);
            builder = resolved;
            const sourceDateEpoch = await commitEpoch(context, exec, workspace);
            if (sourceDateEpoch !== undefined)
                labels = ociLabels(context, {
                    version,
                    created: new Date(sourceDateEpoch * 1000),
                    extra: inputs.labels,
                });
            const runnerTemp = env.RUNNER_TEMP || (0,external_node_os_namespaceObject.tmpdir)();
            (0,external_node_fs_namespaceObject.mkdirSync)(runnerTemp, { recursive: true });
            const workDir = (0,external_node_fs_namespaceObject.mkdtempSync)((0,external_node_path_namespaceObject.join)(runnerTemp, 'build-image-'));
            const spec = {
                context: inputs.context,
                file: inputs.file,
                image: inputs.image,
                tags,
                labels,
                buildArgs: inputs.buildArgs,
                platforms: inputs.platforms,
                cache: inputs.cache,
                push: inputs.push,
                workDir,
                sourceDateEpoch,
            };
            if (builder === 'buildah' && inputs.cache !== 'none')
                runner.warning(`cache: ${inputs.cache} applies to docker buildx only; buildah builds without it.`);
            if (builder === 'docker' && inputs.cache === 'registry' && !inputs.push && inputs.image)
                runner.notice(`cache: registry with push: false reads the cache from ${imageName(inputs.image)}:buildcache but does not write it back (that would push to the registry).`);
            runner.group(`Build with ${builder}`);
            try {
                published = await buildAndPush({
                    builder: resolved,
                    spec,
                    isImmutable: inputs.isImmutable,
                    registries: registries(inputs, runner, io.fetch),
                    credentials: inputs.credentials,
                    exec,
                    log: recorder.log,
                    buildahStorage: (0,external_node_path_namespaceObject.join)(runnerTemp, 'shipyard-buildah'),
                });
            }
            finally {
                runner.endGroup();
            }
        }
    }
    catch (error) {
        if (error instanceof ImmutableTagError)
            return runner.fail(error.message);
        return runner.fail(`build-image: ${error.message}`);
    }
    const name = inputs.image ? imageName(inputs.image) : '';
    // A promoted image keeps the labels it was built with.
    const imageLabels = published.labels ?? labels;
    for (const t of published.tags)
        if (t.state === 'unchanged' && t.immutable)
            runner.notice(`Tag ${t.tag} already points to ${published.digest}: left as is.`);
    const imageRef = name ? `${name}@${published.digest}` : published.digest;
    const tagRefs = name ? published.tags.map((t) => `${name}:${t.tag}`) : published.tags.map((t) => t.tag);
    runner.setOutput('digest', published.digest);
    runner.setOutput('image-ref', imageRef);
    runner.setOutput('tags', tagRefs.join('\n'));
    runner.setOutput('version', version);
    runner.setOutput('labels', labelLines(imageLabels));
    runner.setOutput('metadata', JSON.stringify({
        image: name,
        digest: published.digest,
        imageRef,
        tags: published.tags,
        version,
        labels: imageLabels,
        builder,
        pushed: published.pushed,
        promotedFrom: inputs.promoteFrom
            ? `${imageName(inputs.promoteFrom)}@${inputs.promoteFrom.digest}`
            : undefined,
        sizeBytes: published.sizeBytes,
        durationMs: Date.now() - started,
        buildMs: published.buildMs,
        commands: recorder.commands,
    }));
    runner.info(`Image ${imageRef} (${published.pushed ? 'pushed' : 'local'}); tags: ${published.tags.map((t) => t.tag).join(', ')}`);
    runner.appendSummary(summaryMarkdown({
        image: name,
        published,
        builder,
        promotedFrom: inputs.promoteFrom
            ? `${imageName(inputs.promoteFrom)}@${inputs.promoteFrom.digest}`
            : undefined,
        totalMs: Date.now() - started,
        commands: recorder.commands,
    }));
}


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(356);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 

//# sourceMappingURL=index.js.map