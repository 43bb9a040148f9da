// Checks recorded emulator traffic against DigitalOcean's OpenAPI description: every request
// the client sent and every response the emulator returned, plus the ratelimit headers.
import { join } from 'node:path';
import { OpenApiValidator } from '../openapi.js';
import { repoRoot } from '../run-action.js';
import type { RecordedRequest } from './server.js';

export const appsDescriptionFile = join(repoRoot, '__tests__', 'fixtures', 'do-openapi', 'apps.openapi.yaml');

let contract: OpenApiValidator | undefined;

export function appsContract(): OpenApiValidator {
  contract ??= OpenApiValidator.fromFile(appsDescriptionFile);
  return contract;
}

const RATE_HEADERS = ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'];

/** One line per problem, e.g. `PUT /v2/apps/1 -> 200 response: /app/spec must have required property 'name'`. */
export function contractViolations(requests: RecordedRequest[], validator = appsContract()): string[] {
  const problems: string[] = [];
  for (const r of requests) {
    if (!r.path.startsWith('/v2/')) continue;
    const label = `${r.method} ${r.path}${r.query ? `?${r.query}` : ''} -> ${r.status || 'reset'}`;
    const target = r.query ? `${r.path}?${r.query}` : r.path;
    for (const e of validator.validateRequest(r.method, target, r.requestBody).errors)
      problems.push(`${label} request: ${e}`);
    if (r.status === 0) continue;
    const response = validator.validateResponse(r.method, r.path, r.status, r.responseBody, {
      contentType: r.responseHeaders['content-type'],
    });
    for (const e of response.errors) problems.push(`${label} response: ${e}`);
    for (const h of RATE_HEADERS) {
      if (!/^\d+$/.test(r.responseHeaders[h] ?? ''))
        problems.push(`${label} response: header ${h} missing or not an integer`);
    }
  }
  return problems;
}
