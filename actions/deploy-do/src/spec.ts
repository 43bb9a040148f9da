// The app spec: loading it from YAML with ${VAR} substitution, and pointing image components
// at the images to deploy.
import { parse } from 'yaml';
import { InputError } from '../../../lib/inputs.js';

export type AppSpec = Record<string, unknown> & { name?: string };

export interface ImageSource {
  registry_type?: 'DOCKER_HUB' | 'DOCR' | 'GHCR';
  registry?: string;
  repository?: string;
  tag?: string;
  digest?: string;
  registry_credentials?: string;
  deploy_on_push?: { enabled?: boolean };
  [key: string]: unknown;
}

export const COMPONENT_KINDS = ['services', 'workers', 'jobs', 'static_sites', 'functions'] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

const VARIABLE = /\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces `${NAME}` with the environment variable NAME. Placeholders naming no variable are
 * left alone: App Platform resolves its own bindable variables (`${APP_URL}`, `${db.HOSTNAME}`).
 * `$${NAME}` stands for a literal `${NAME}`.
 */
export function substituteVariables(
  text: string,
  env: Record<string, string | undefined>,
): { text: string; unresolved: string[] } {
  const unresolved = new Set<string>();
  const out = text.replace(VARIABLE, (whole, escape: string, name: string) => {
    if (escape) return whole.slice(1);
    const value = env[name];
    if (value === undefined) {
      unresolved.add(name);
      return whole;
    }
    return value;
  });
  return { text: out, unresolved: [...unresolved] };
}

/** Parses app spec YAML (already substituted); throws InputError('spec', ...) when it is not a spec. */
export function parseSpec(text: string, input = 'spec'): AppSpec {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    const first = String((error as Error).message).split('\n')[0];
    throw new InputError(input, 'a valid YAML app spec', first);
  }
  // `doctl apps spec get` and the API wrap the spec as {spec: {...}}; accept both shapes.
  if (isObject(doc) && isObject(doc.spec) && !('name' in doc)) doc = doc.spec;
  if (!isObject(doc)) throw new InputError(input, 'a YAML mapping (an App Platform app spec)');
  if (typeof doc.name !== 'string' || !/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/.test(doc.name))
    throw new InputError(
      input,
      'an app spec with `name` (2-32 lowercase letters, digits and dashes)',
      String(doc.name ?? ''),
    );
  for (const kind of COMPONENT_KINDS) {
    const list = doc[kind];
    if (list === undefined) continue;
    if (!Array.isArray(list) || !list.every((c) => isObject(c) && typeof c.name === 'string'))
      throw new InputError(input, `\`${kind}\` to be a list of components each with a \`name\``);
  }
  return doc as AppSpec;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function findComponent(spec: AppSpec, name: string): Record<string, unknown> | undefined {
  for (const kind of COMPONENT_KINDS) {
    const list = (spec[kind] as Record<string, unknown>[] | undefined) ?? [];
    const found = list.find((c) => c.name === name);
    if (found) return found;
  }
  return undefined;
}

export function componentNames(spec: AppSpec): string[] {
  return COMPONENT_KINDS.flatMap((kind) =>
    ((spec[kind] as { name: string }[] | undefined) ?? []).map((c) => c.name),
  );
}

/** Apps serving HTTP (services, static sites, functions) get a live URL; workers and jobs do not. */
export function servesHttp(spec: AppSpec): boolean {
  return (['services', 'static_sites', 'functions'] as const).some(
    (kind) => ((spec[kind] as unknown[] | undefined) ?? []).length > 0,
  );
}

/** Values that must never be printed: SECRET env values and registry credentials. */
export function secretValues(spec: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObject(node)) return;
    if (node.type === 'SECRET' && typeof node.value === 'string' && node.value) found.push(node.value);
    if (typeof node.registry_credentials === 'string' && node.registry_credentials)
      found.push(node.registry_credentials);
    Object.values(node).forEach(walk);
  };
  walk(spec);
  return [...new Set(found)];
}

export function cloneSpec(spec: AppSpec): AppSpec {
  return structuredClone(spec);
}
