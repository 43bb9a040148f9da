import './sourcemap-register.cjs';import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 385:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(60);

await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 60:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  e: () => (/* binding */ run)
});

;// CONCATENATED MODULE: ./lib/clock.ts
const clock_systemClock = {
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

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
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

;// CONCATENATED MODULE: ./actions/health-check/src/json-assert.ts
// `json` assertions: `path=value` lines checked against a JSON body by dot path
// (`status=UP`, `build.sha=abc`, `checks.0.status=UP`, `checks[0].status=UP`).
/** Undefined when the path is empty or malformed. */
function parseJsonPath(text) {
    const normalized = text.trim().replace(/\[(\d+)\]/g, '.$1');
    if (!normalized)
        return undefined;
    const segments = normalized.split('.');
    return segments.every((s) => s.length > 0) ? segments : undefined;
}
function lookup(value, path) {
    let current = value;
    for (const segment of path) {
        if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment))
            return { found: false };
        current = current[segment];
    }
    return { found: true, value: current };
}
/** Strings compare as written; numbers, booleans and null by their JSON text. */
function asText(value) {
    return typeof value === 'string' ? value : JSON.stringify(value);
}
/** The failure message for one assertion, or undefined when it holds. */
function checkAssertion(body, assertion) {
    const { found, value } = lookup(body, assertion.path);
    if (!found)
        return `JSON ${assertion.source}: expected '${assertion.expected}', but the path is missing`;
    const actual = asText(value);
    if (actual === assertion.expected)
        return undefined;
    return `JSON ${assertion.source}: expected '${assertion.expected}', got '${truncate(actual, 120)}'`;
}
function truncate(text, max) {
    return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

;// CONCATENATED MODULE: ./actions/health-check/src/status.ts
// `expected-status`: a list of codes, ranges and classes such as `200`, `200-299,304` or `2xx`.
const CODE = /^[1-5]\d\d$/;
function parsePart(part) {
    const cls = /^([1-5])xx$/i.exec(part);
    if (cls)
        return { from: Number(cls[1]) * 100, to: Number(cls[1]) * 100 + 99 };
    const [from, to = from, ...rest] = part.split('-').map((s) => s.trim());
    if (rest.length || !CODE.test(from) || !CODE.test(to) || Number(from) > Number(to))
        return undefined;
    return { from: Number(from), to: Number(to) };
}
/** Undefined when any part is not a code (100-599), an ascending range of codes, or a class. */
function parseStatusSet(text) {
    const parts = text.split(/[,\s]+/).filter(Boolean);
    if (!parts.length)
        return undefined;
    const ranges = [];
    for (const part of parts) {
        const range = parsePart(part);
        if (!range)
            return undefined;
        ranges.push(range);
    }
    return { text: parts.join(','), ranges };
}
function statusMatches(set, status) {
    return set.ranges.some((r) => status >= r.from && status <= r.to);
}

;// CONCATENATED MODULE: ./actions/health-check/src/url-secrets.ts
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
function nameParts(name) {
    return name
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean);
}
function isSecretParameter(name) {
    const parts = nameParts(name);
    return parts.some((p) => SECRET_PARTS.has(p)) || SECRET_SUFFIX.test(parts.join(''));
}
function decoded(text) {
    try {
        return decodeURIComponent(text.replace(/\+/g, ' '));
    }
    catch {
        return text;
    }
}
/**
 * The values of secret-looking query parameters in `text` (a URL, parsed or as typed), both as they
 * appear in it and decoded, so neither form reaches a log.
 */
function secretQueryValues(text, minLength) {
    const start = text.indexOf('?');
    if (start < 0)
        return [];
    const end = text.indexOf('#', start);
    const query = text.slice(start + 1, end < 0 ? undefined : end);
    const values = new Set();
    for (const pair of query.split('&')) {
        const at = pair.indexOf('=');
        if (at <= 0 || !isSecretParameter(decoded(pair.slice(0, at))))
            continue;
        const raw = pair.slice(at + 1);
        for (const value of [raw, decoded(raw)])
            if (value.length >= minLength)
                values.add(value);
    }
    return [...values];
}

;// CONCATENATED MODULE: ./actions/health-check/src/config.ts
// Every input read and validated into one typed object before the first request.





const METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];
const DEFAULTS = {
    timeout: '5m',
    interval: '250ms',
    requestTimeout: '10s',
    expectedStatus: '200-299',
};
const MIN_INTERVAL_MS = 10;
const DURATION_EXPECTED = 'a positive duration such as `500ms`, `30s`, `5m` or `1h30m`';
// Masking `1` or `yes` would blank every such character sequence in the log; such values protect nothing.
const MIN_SECRET_LENGTH = 4;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
function positiveDuration(read, name, fallback, minMs = 1) {
    const text = read(name) || fallback;
    const ms = duration_parseDuration(text);
    if (ms === undefined)
        throw new InputError(name, DURATION_EXPECTED, text);
    if (ms < minMs)
        throw new InputError(name, minMs > 1 ? `a duration of at least ${minMs}ms` : DURATION_EXPECTED, text);
    return ms;
}
function parseUrl(line) {
    let url;
    try {
        url = new URL(line);
    }
    catch {
        throw new InputError('url', 'absolute http:// or https:// URLs, one per line', line);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new InputError('url', `the http or https scheme (not ${url.protocol.replace(':', '')})`, line);
    if (!url.hostname)
        throw new InputError('url', 'a URL with a host name', line);
    if (url.username || url.password)
        throw new InputError('url', 'a URL without credentials in it (send them with `headers: Authorization: ...`)', `${url.protocol}//***@${url.host}${url.pathname}`);
    return url.href;
}
function readUrls(read, mask) {
    const lines = linesInput(read, 'url');
    if (!lines.length)
        throw new InputError('url', 'at least one URL (one per line)');
    const masked = new Set();
    const maskQuery = (text) => secretQueryValues(text, MIN_SECRET_LENGTH)
        .filter((value) => !masked.has(value))
        .forEach((value) => (masked.add(value), mask(value)));
    // As typed first, so even a URL that fails to parse does not show its token in the error.
    lines.forEach(maskQuery);
    const urls = lines.map(parseUrl);
    urls.forEach(maskQuery);
    const repeated = urls.find((u, i) => urls.indexOf(u) !== i);
    if (repeated)
        throw new InputError('url', 'each URL once', `${repeated} listed twice`);
    return urls;
}
function readJson(read) {
    return linesInput(read, 'json').map((line) => {
        const at = line.indexOf('=');
        const path = at > 0 ? parseJsonPath(line.slice(0, at)) : undefined;
        if (!path)
            throw new InputError('json', 'lines of `path=value`, such as `status=UP` or `build.version=1.2.3`', line);
        return { path, source: line.slice(0, at).trim(), expected: line.slice(at + 1).trim() };
    });
}
/**
 * `Name: value` lines. Values are secrets: `mask` sees each one before anything can fail,
 * and no error message repeats a value.
 */
function readHeaders(read, mask) {
    const lines = linesInput(read, 'headers');
    const pairs = lines.map((line, i) => {
        const at = line.indexOf(':');
        const value = at >= 0 ? line.slice(at + 1).trim() : '';
        if (value.length >= MIN_SECRET_LENGTH)
            mask(value);
        return { line: i + 1, name: at >= 0 ? line.slice(0, at).trim() : '', value, hasColon: at > 0 };
    });
    for (const p of pairs) {
        if (!p.hasColon)
            throw new InputError('headers', 'lines of `Name: value`', `line ${p.line} has no ':' after a name`);
        if (!HEADER_NAME.test(p.name))
            throw new InputError('headers', 'header names made of letters, digits and `-`', p.name);
    }
    return pairs.map((p) => [p.name, p.value]);
}
function readMethod(read) {
    const text = read('method') || 'GET';
    const method = text.toUpperCase();
    if (!METHODS.includes(method))
        throw new InputError('method', `one of ${METHODS.join(', ')}`, text);
    return method;
}
function readIntervals(read, timeoutMs) {
    // Only an `interval` the user gave can contradict `timeout`; the default shrinks to fit a short one.
    const intervalMs = read('interval')
        ? positiveDuration(read, 'interval', '', MIN_INTERVAL_MS)
        : Math.min(duration_parseDuration(DEFAULTS.interval), timeoutMs);
    if (intervalMs > timeoutMs)
        throw new InputError('interval', `a duration no longer than \`timeout\` (${read('timeout') || DEFAULTS.timeout})`, read('interval'));
    const maxIntervalMs = read('max-interval')
        ? positiveDuration(read, 'max-interval', '', MIN_INTERVAL_MS)
        : Math.min(timeoutMs, intervalMs * 2);
    if (maxIntervalMs < intervalMs)
        throw new InputError('max-interval', `a duration at least \`interval\` (${read('interval') || DEFAULTS.interval})`, read('max-interval'));
    const requestTimeoutMs = read('request-timeout')
        ? positiveDuration(read, 'request-timeout', '')
        : Math.min(timeoutMs, duration_parseDuration(DEFAULTS.requestTimeout));
    if (requestTimeoutMs > timeoutMs)
        throw new InputError('request-timeout', 'a duration no longer than `timeout`', read('request-timeout'));
    return { intervalMs, maxIntervalMs, requestTimeoutMs };
}
function readConfig(read, mask) {
    const headers = readHeaders(read, mask);
    const urls = readUrls(read, mask);
    const timeoutMs = positiveDuration(read, 'timeout', DEFAULTS.timeout, MIN_INTERVAL_MS);
    const intervals = readIntervals(read, timeoutMs);
    const statusText = read('expected-status') || DEFAULTS.expectedStatus;
    const expectedStatus = parseStatusSet(statusText);
    if (!expectedStatus)
        throw new InputError('expected-status', 'status codes (100-599), ranges or classes such as `200`, `200-299,304` or `2xx`', statusText);
    const method = readMethod(read);
    // Not linesInput: text to find may well start with `#`.
    const bodyContains = read('body-contains')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
    const json = readJson(read);
    if (method === 'HEAD' && (bodyContains.length || json.length))
        throw new InputError(bodyContains.length ? 'body-contains' : 'json', 'no body assertions with `method: HEAD` (a HEAD response has no body)');
    return {
        urls,
        timeoutMs,
        ...intervals,
        expectedStatus,
        bodyContains,
        json,
        headers,
        consecutiveSuccesses: integerInput(read, 'consecutive-successes', 1, 1, 1000),
        method,
        followRedirects: booleanInput(read, 'follow-redirects', true),
    };
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

;// CONCATENATED MODULE: ./actions/health-check/src/readiness.ts
// Readiness bodies in the MicroProfile Health shape ({status, checks: [{name, status, data}]})
// and the Spring Boot Actuator shape ({status, components: {db: {status, details}}}, nested
// groups allowed; `details` instead of `components` before Spring Boot 2.2).

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
function microProfileChecks(checks) {
    return checks.filter(isObject).map((c) => ({
        name: String(c.name ?? '(unnamed)'),
        status: String(c.status ?? 'UNKNOWN'),
        ...(c.data === undefined ? {} : { data: c.data }),
    }));
}
function springComponents(components, prefix = '') {
    return Object.entries(components)
        .filter(([, c]) => isObject(c) && typeof c.status === 'string')
        .flatMap(([name, c]) => {
        const component = c;
        const nested = component.components;
        if (isObject(nested))
            return springComponents(nested, `${prefix}${name}.`);
        const details = component.details;
        return [
            {
                name: prefix + name,
                status: component.status,
                ...(details === undefined ? {} : { data: details }),
            },
        ];
    });
}
/** Undefined when the body is not in one of the two shapes. */
function parseReadiness(body) {
    if (!isObject(body) || typeof body.status !== 'string')
        return undefined;
    if (Array.isArray(body.checks))
        return { status: body.status, dependencies: microProfileChecks(body.checks) };
    const components = isObject(body.components) ? body.components : body.details;
    if (isObject(components))
        return { status: body.status, dependencies: springComponents(components) };
    return undefined;
}
function downDependencies(readiness) {
    return readiness.dependencies.filter((d) => d.status.toUpperCase() !== 'UP');
}
/** `database (DOWN: {"error":"connection refused"})`, data cut to a readable length. */
function describeDependency(dep, maxData = 200) {
    if (dep.data === undefined)
        return `${dep.name} (${dep.status})`;
    return `${dep.name} (${dep.status}: ${truncate(JSON.stringify(dep.data), maxData)})`;
}

;// CONCATENATED MODULE: ./actions/health-check/src/report.ts
// What the action tells people: the `report` output, the job summary and the error lines.



function reportJson(outcome) {
    return JSON.stringify({
        healthy: outcome.healthy,
        attempts: outcome.attempts,
        durationMs: outcome.durationMs,
        urls: outcome.results.map((r) => ({
            url: r.url,
            healthy: r.healthy,
            attempts: r.attempts,
            lastStatus: r.lastStatus ?? null,
            timeToHealthyMs: r.timeToHealthyMs ?? null,
            latencyMs: r.latencyMs ?? null,
            failure: r.failure ?? null,
            down: r.down ?? [],
            ...(r.redirectedTo ? { redirectedTo: r.redirectedTo } : {}),
        })),
    });
}
/** The one line saying why a URL is not healthy (its reason names DOWN dependencies). */
function failureMessage(result) {
    const tries = `${result.attempts} attempt${result.attempts === 1 ? '' : 's'} in ${formatDuration(result.elapsedMs)}`;
    return `${result.url} is not healthy after ${tries}: ${result.failure}`;
}
function successMessage(result) {
    const latency = result.latencyMs ? `, latency median ${formatDuration(result.latencyMs.median)}` : '';
    const where = result.redirectedTo ? ` (served by ${result.redirectedTo})` : '';
    return `${result.url}${where} is healthy: HTTP ${result.lastStatus} after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'} in ${formatDuration(result.timeToHealthyMs ?? 0)}${latency}`;
}
function latencyCell(r) {
    if (!r.latencyMs)
        return '-';
    const { min, median, max } = r.latencyMs;
    return `${Math.round(min)} / ${Math.round(median)} / ${Math.round(max)} ms`;
}
function row(r) {
    return [
        r.url,
        r.healthy ? '✅ healthy' : r.fatal ? '⛔ failed' : '❌ unhealthy',
        String(r.attempts),
        r.timeToHealthyMs === undefined ? '-' : formatDuration(r.timeToHealthyMs),
        latencyCell(r),
        r.lastStatus === undefined ? '-' : String(r.lastStatus),
    ];
}
function settingsLine(config) {
    const checks = [
        `expected status ${config.expectedStatus.text}`,
        ...config.bodyContains.map((t) => `body contains ${inlineCode(t)}`),
        ...config.json.map((a) => `${inlineCode(a.source)} = ${inlineCode(a.expected)}`),
    ];
    const every = config.maxIntervalMs > config.intervalMs
        ? `every ${formatDuration(config.intervalMs)} growing to ${formatDuration(config.maxIntervalMs)}`
        : `every ${formatDuration(config.intervalMs)}`;
    const consecutive = config.consecutiveSuccesses > 1 ? `, ${config.consecutiveSuccesses} passes in a row` : '';
    return `${config.method}, ${checks.join(', ')}; ${every}, timeout ${formatDuration(config.timeoutMs)}${consecutive}.`;
}
function failureSection(r) {
    // Reasons quote the server and the inputs; as Markdown, `<h1>` in them would render.
    const lines = [`**${r.url}**: ${escapeHtml(r.failure ?? '')}`];
    if (r.down?.length) {
        lines.push('', 'Dependencies reported DOWN:', '');
        lines.push(...r.down.map((d) => `- ${escapeHtml(describeDependency(d, 400))}`));
    }
    if (r.bodyExcerpt)
        lines.push('', details('Last response body (excerpt)', codeBlock(r.bodyExcerpt)));
    return lines.join('\n');
}
function summaryMarkdown(config, outcome) {
    const verdict = outcome.healthy ? '✅ healthy' : '❌ not healthy';
    const head = `### Health check: ${verdict} (${formatDuration(outcome.durationMs)}, ${outcome.attempts} requests)`;
    const parts = [
        head,
        '',
        table(['URL', 'result', 'attempts', 'time to healthy', 'latency min / median / max', 'last status'], outcome.results.map(row)),
        '',
        settingsLine(config),
    ];
    const failed = outcome.results.filter((r) => !r.healthy);
    if (failed.length)
        parts.push('', '#### Why', '', ...failed.map(failureSection).join('\n\n').split('\n'));
    return parts.join('\n') + '\n';
}

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

;// CONCATENATED MODULE: ./actions/health-check/src/probe.ts





const MAX_BODY_BYTES = 1 << 20;
const EXCERPT_CHARS = 600;
const FATAL = {
    401: 'HTTP 401 Unauthorized: waiting will not fix this; check the credentials in `headers`',
    403: 'HTTP 403 Forbidden: waiting will not fix this; check the credentials in `headers` and the access rules',
};
const CONNECTION_ERRORS = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset by the server',
    UND_ERR_SOCKET: 'connection closed by the server',
    ENOTFOUND: 'host name not found',
    EAI_AGAIN: 'host name lookup failed (temporary)',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ETIMEDOUT: 'connection timed out',
    CERT_HAS_EXPIRED: 'TLS certificate expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
    ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host name',
};
/** Reads at most MAX_BODY_BYTES; a health endpoint that streams forever must not hang us. */
async function readBody(response) {
    if (!response.body)
        return '';
    const reader = response.body.getReader();
    const chunks = [];
    let size = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            break;
        chunks.push(value);
        size += value.byteLength;
        if (size >= MAX_BODY_BYTES) {
            await reader.cancel();
            break;
        }
    }
    return Buffer.concat(chunks).toString('utf8');
}
function describeError(error, timedOut, timeoutMs) {
    if (timedOut)
        return `no response within ${formatDuration(timeoutMs)} (request-timeout)`;
    const code = errorCode(error);
    if (code && CONNECTION_ERRORS[code])
        return CONNECTION_ERRORS[code];
    const message = error?.cause ? String(error.cause.message) : String(error);
    return code ? `${code}: ${message}` : message;
}
function parseJson(body) {
    try {
        return { ok: true, value: JSON.parse(body) };
    }
    catch {
        return { ok: false };
    }
}
function bodyFailures(config, body, json) {
    const failures = config.bodyContains
        .filter((text) => !body.includes(text))
        .map((text) => `body does not contain '${truncate(text, 80)}'`);
    if (!config.json.length)
        return failures;
    if (!json.ok)
        return [...failures, 'body is not JSON, so the `json` assertions cannot hold'];
    return [
        ...failures,
        ...config.json.map((a) => checkAssertion(json.value, a)).filter((f) => f !== undefined),
    ];
}
function judge(config, response, body, now) {
    const json = parseJson(body);
    const readiness = json.ok ? parseReadiness(json.value) : undefined;
    const down = readiness ? downDependencies(readiness) : [];
    const status = response.status;
    const base = {
        status,
        bodyExcerpt: truncate(body, EXCERPT_CHARS),
        ...(down.length ? { down } : {}),
    };
    const failures = [];
    const expected = statusMatches(config.expectedStatus, status);
    if (!expected && FATAL[status])
        return { ...base, ok: false, fatal: true, reason: FATAL[status] };
    if (!expected)
        failures.push(`HTTP ${status}${response.statusText ? ' ' + response.statusText : ''}, expected ${config.expectedStatus.text}`);
    else
        failures.push(...bodyFailures(config, body, json));
    if (!failures.length)
        return { ...base, ok: true, fatal: false };
    if (down.length)
        failures.push(`DOWN: ${down.map((d) => describeDependency(d)).join(', ')}`);
    const wait = retryAfterMs(response.headers, now);
    return {
        ...base,
        ok: false,
        fatal: false,
        reason: failures.join('; '),
        ...(wait === undefined ? {} : { retryAfterMs: wait }),
    };
}
async function probe(url, config, timeoutMs, io) {
    const started = io.clock.now();
    const timeout = AbortSignal.timeout(Math.max(1, timeoutMs));
    const signal = io.signal ? AbortSignal.any([timeout, io.signal]) : timeout;
    const elapsed = () => io.clock.now() - started;
    try {
        const response = await io.fetch(url, {
            method: config.method,
            headers: config.headers,
            redirect: config.followRedirects ? 'follow' : 'manual',
            signal,
        });
        const body = config.method === 'HEAD' ? '' : await readBody(response);
        const verdict = judge(config, response, body, io.clock.now());
        const redirected = response.url && response.url !== url ? { redirectedTo: response.url } : {};
        return { ...verdict, ...redirected, cancelled: false, latencyMs: elapsed() };
    }
    catch (error) {
        const cancelled = Boolean(io.signal?.aborted);
        const reason = cancelled ? 'cancelled' : describeError(error, timeout.aborted, timeoutMs);
        const timedOut = !cancelled && timeout.aborted;
        return { ok: false, fatal: false, cancelled, timedOut, reason, latencyMs: elapsed() };
    }
}

;// CONCATENATED MODULE: ./actions/health-check/src/wait.ts


const JITTER = 0.25;
/** A check that would get less time than this before the deadline is not worth sending. */
const MIN_REQUEST_BUDGET_MS = 10;
const CANCELLED = 'not finished: another URL failed in a way waiting cannot fix';
/** Delay after the n-th failure in a row: interval·2^(n-1) capped, minus up to 25% jitter, never below interval. */
function backoffDelay(failures, intervalMs, maxIntervalMs, random = Math.random) {
    const grown = Math.min(maxIntervalMs, intervalMs * 2 ** Math.max(0, failures - 1));
    return Math.round(Math.max(intervalMs, grown * (1 - JITTER * random())));
}
function latencyStats(samples) {
    if (!samples.length)
        return undefined;
    const sorted = [...samples].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    return { min: sorted[0], median: Math.round(median), max: sorted[sorted.length - 1] };
}
function nextDelay(config, last, failures, random) {
    if (last.ok)
        return config.intervalMs;
    const backoff = backoffDelay(failures, config.intervalMs, config.maxIntervalMs, random);
    return Math.max(backoff, Math.ceil(last.retryAfterMs ?? 0));
}
function giveUpReason(config, last, streak, delayMs, remainingMs) {
    const base = last.ok
        ? `passed ${streak} of ${config.consecutiveSuccesses} consecutive checks before the timeout`
        : last.reason;
    if (!last.ok && last.retryAfterMs !== undefined && last.retryAfterMs >= remainingMs)
        return `${base}; the server asked to retry after ${formatDuration(last.retryAfterMs)}, past the ${formatDuration(config.timeoutMs)} timeout`;
    return `${base} (the next check, due in ${formatDuration(delayMs)}, would come after the ${formatDuration(config.timeoutMs)} timeout)`;
}
function resultOf(url, last, fields, latencies) {
    const latencyMs = latencyStats(latencies);
    return {
        url,
        healthy: false,
        ...(last.status === undefined ? {} : { lastStatus: last.status }),
        ...(latencyMs ? { latencyMs } : {}),
        ...(last.bodyExcerpt === undefined ? {} : { bodyExcerpt: last.bodyExcerpt }),
        ...(last.down ? { down: last.down } : {}),
        ...(last.redirectedTo ? { redirectedTo: last.redirectedTo } : {}),
        ...fields,
    };
}
async function waitUntilHealthy(url, config, io, startedAt = io.clock.now()) {
    const random = io.random ?? Math.random;
    const deadline = startedAt + config.timeoutMs;
    const latencies = [];
    let streak = 0;
    let failures = 0;
    /** The last probe not cut short by the deadline: what the report shows. */
    let answered;
    for (let attempt = 1;; attempt++) {
        const budget = Math.min(config.requestTimeoutMs, deadline - io.clock.now());
        if (answered && budget < MIN_REQUEST_BUDGET_MS)
            // A sleep that overran (a loaded machine) left no time for a fair request.
            return resultOf(url, answered, {
                attempts: attempt - 1,
                elapsedMs: io.clock.now() - startedAt,
                failure: `${answered.reason}; no time left for another check before the ${formatDuration(config.timeoutMs)} timeout`,
            }, latencies);
        const last = await probe(url, config, budget, io);
        const elapsedMs = io.clock.now() - startedAt;
        const finish = (shown, fields) => {
            io.onAttempt?.(url, attempt, last);
            return resultOf(url, shown, { attempts: attempt, elapsedMs, ...fields }, latencies);
        };
        if (last.cancelled)
            return resultOf(url, answered ?? last, { attempts: attempt - 1, elapsedMs, failure: CANCELLED }, latencies);
        latencies.push(last.latencyMs);
        if (last.timedOut && budget < config.requestTimeoutMs) {
            const before = answered ? `${answered.reason}; then no response` : 'no response';
            return finish(answered ?? last, {
                failure: `${before} before the ${formatDuration(config.timeoutMs)} timeout`,
            });
        }
        answered = last;
        streak = last.ok ? streak + 1 : 0;
        failures = last.ok ? 0 : failures + 1;
        if (streak >= config.consecutiveSuccesses)
            return finish(last, { healthy: true, timeToHealthyMs: elapsedMs });
        if (last.fatal)
            return finish(last, { failure: last.reason, fatal: true });
        const delay = nextDelay(config, last, failures, random);
        const left = deadline - startedAt - elapsedMs;
        if (delay + MIN_REQUEST_BUDGET_MS >= left)
            return finish(last, { failure: giveUpReason(config, last, streak, delay, left) });
        io.onAttempt?.(url, attempt, last, delay);
        await io.clock.sleep(delay, io.signal);
    }
}
/** Checks every URL concurrently; a failure waiting cannot fix stops the others at once. */
async function checkAll(config, io) {
    const startedAt = io.clock.now();
    const stop = new AbortController();
    const signal = io.signal ? AbortSignal.any([stop.signal, io.signal]) : stop.signal;
    const results = await Promise.all(config.urls.map(async (url) => {
        const result = await waitUntilHealthy(url, config, { ...io, signal }, startedAt);
        if (result.fatal)
            stop.abort();
        return result;
    }));
    return {
        healthy: results.every((r) => r.healthy),
        attempts: results.reduce((sum, r) => sum + r.attempts, 0),
        durationMs: io.clock.now() - startedAt,
        results,
    };
}

;// CONCATENATED MODULE: ./actions/health-check/src/main.ts
// The action's shell: inputs → checks → outputs, summary, and an error per unhealthy URL.








/** Masks each secret, and the credential after an auth scheme (`Bearer <token>`) on its own. */
function maskerFor(runner, secrets) {
    return (value) => {
        const token = /^[A-Za-z][\w-]*\s+(\S{4,})$/.exec(value)?.[1];
        for (const secret of token ? [value, token] : [value]) {
            secrets.push(secret);
            runner.setSecret(secret);
        }
    };
}
function redactor(secrets) {
    // Longest first: a secret that contains another (a raw and a decoded token) goes whole.
    return (text) => [...secrets].sort((a, b) => b.length - a.length).reduce((t, s) => t.split(s).join('***'), text);
}
/** Logs when a URL's outcome changes, not on every poll: the log stays readable over minutes. */
function attemptLogger(runner, redact) {
    const lastReason = new Map();
    return (url, attempt, probe, nextDelayMs) => {
        const reason = probe.ok ? `HTTP ${probe.status} passed` : (probe.reason ?? 'failed');
        // Dependency data such as a countdown changes on every poll; the DOWN names are what matter.
        const key = probe.down?.length ? `${probe.status} ${probe.down.map((d) => d.name).join()}` : reason;
        const next = nextDelayMs === undefined ? '' : `, next check in ${formatDuration(nextDelayMs)}`;
        const line = redact(`${url} attempt ${attempt}: ${reason} (${Math.round(probe.latencyMs)} ms${next})`);
        if (lastReason.get(url) === key)
            return runner.debug(line);
        lastReason.set(url, key);
        runner.info(line);
    };
}
async function run(runner = processRunner(), io = {}) {
    const secrets = [];
    const redact = redactor(secrets);
    const mask = maskerFor(runner, secrets);
    let config;
    try {
        config = readConfig(runner.input, mask);
    }
    catch (error) {
        if (error instanceof InputError)
            return runner.fail(redact(error.message));
        throw error;
    }
    try {
        await checkAndReport(runner, config, io, { redact, mask });
    }
    catch (error) {
        // A bug, not a verdict: still fail the step with a readable error rather than a bare stack,
        // and keep `healthy` saying what the failed step means for the steps that read it.
        runner.setOutput('healthy', false);
        runner.fail(redact(`health-check stopped by an unexpected error: ${error.stack ?? String(error)}`));
    }
}
async function checkAndReport(runner, config, io, { redact, mask }) {
    const plural = config.urls.length === 1 ? '' : 's';
    runner.info(redact(`Checking ${config.urls.length} URL${plural} (timeout ${formatDuration(config.timeoutMs)}): ${config.urls.join(', ')}`));
    const outcome = await checkAll(config, {
        fetch: io.fetch ?? fetch,
        clock: io.clock ?? clock_systemClock,
        random: io.random,
        onAttempt: attemptLogger(runner, redact),
    });
    // A redirect may lead to a signed URL (`?X-Amz-Signature=…`) nobody could mask in advance.
    for (const result of outcome.results)
        if (result.redirectedTo)
            secretQueryValues(result.redirectedTo, MIN_SECRET_LENGTH).forEach(mask);
    runner.setOutput('healthy', outcome.healthy);
    runner.setOutput('attempts', outcome.attempts);
    runner.setOutput('duration-ms', outcome.durationMs);
    runner.setOutput('report', redact(reportJson(outcome)));
    runner.appendSummary(redact(summaryMarkdown(config, outcome)));
    for (const result of outcome.results)
        if (result.healthy)
            runner.info(redact(successMessage(result)));
    // The failure waiting could not fix is the cause; URLs stopped because of it come after.
    const failed = outcome.results
        .filter((r) => !r.healthy)
        .sort((a, b) => Number(!!b.fatal) - Number(!!a.fatal));
    for (const result of failed.slice(1))
        runner.error(redact(failureMessage(result)));
    if (failed.length)
        runner.fail(redact(failureMessage(failed[0])));
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
/******/ var __webpack_exports__ = __nccwpck_require__(385);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 

//# sourceMappingURL=index.js.map