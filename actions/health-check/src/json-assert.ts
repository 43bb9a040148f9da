// `json` assertions: `path=value` lines checked against a JSON body by dot path
// (`status=UP`, `build.sha=abc`, `checks.0.status=UP`, `checks[0].status=UP`).

export interface JsonAssertion {
  path: string[];
  /** The path as the user wrote it, for messages. */
  source: string;
  expected: string;
}

/** Undefined when the path is empty or malformed. */
export function parseJsonPath(text: string): string[] | undefined {
  const normalized = text.trim().replace(/\[(\d+)\]/g, '.$1');
  if (!normalized) return undefined;
  const segments = normalized.split('.');
  return segments.every((s) => s.length > 0) ? segments : undefined;
}

export function lookup(value: unknown, path: string[]): { found: boolean; value?: unknown } {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment))
      return { found: false };
    current = (current as Record<string, unknown>)[segment];
  }
  return { found: true, value: current };
}

/** Strings compare as written; numbers, booleans and null by their JSON text. */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The failure message for one assertion, or undefined when it holds. */
export function checkAssertion(body: unknown, assertion: JsonAssertion): string | undefined {
  const { found, value } = lookup(body, assertion.path);
  if (!found) return `JSON ${assertion.source}: expected '${assertion.expected}', but the path is missing`;
  const actual = asText(value);
  if (actual === assertion.expected) return undefined;
  return `JSON ${assertion.source}: expected '${assertion.expected}', got '${truncate(actual, 120)}'`;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
