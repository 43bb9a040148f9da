// Readiness bodies in the MicroProfile Health shape ({status, checks: [{name, status, data}]})
// and the Spring Boot Actuator shape ({status, components: {db: {status, details}}}, nested
// groups allowed; `details` instead of `components` before Spring Boot 2.2).
import { truncate } from './json-assert.js';

export interface Dependency {
  name: string;
  status: string;
  data?: unknown;
}

export interface Readiness {
  status: string;
  dependencies: Dependency[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

function microProfileChecks(checks: unknown[]): Dependency[] {
  return checks.filter(isObject).map((c) => ({
    name: String(c.name ?? '(unnamed)'),
    status: String(c.status ?? 'UNKNOWN'),
    ...(c.data === undefined ? {} : { data: c.data }),
  }));
}

function springComponents(components: Json, prefix = ''): Dependency[] {
  return Object.entries(components)
    .filter(([, c]) => isObject(c) && typeof c.status === 'string')
    .flatMap(([name, c]) => {
      const component = c as Json;
      const nested = component.components;
      if (isObject(nested)) return springComponents(nested, `${prefix}${name}.`);
      const details = component.details;
      return [
        {
          name: prefix + name,
          status: component.status as string,
          ...(details === undefined ? {} : { data: details }),
        },
      ];
    });
}

/** Undefined when the body is not in one of the two shapes. */
export function parseReadiness(body: unknown): Readiness | undefined {
  if (!isObject(body) || typeof body.status !== 'string') return undefined;
  if (Array.isArray(body.checks))
    return { status: body.status, dependencies: microProfileChecks(body.checks) };
  const components = isObject(body.components) ? body.components : body.details;
  if (isObject(components)) return { status: body.status, dependencies: springComponents(components) };
  return undefined;
}

export function downDependencies(readiness: Readiness): Dependency[] {
  return readiness.dependencies.filter((d) => d.status.toUpperCase() !== 'UP');
}

/** `database (DOWN: {"error":"connection refused"})`, data cut to a readable length. */
export function describeDependency(dep: Dependency, maxData = 200): string {
  if (dep.data === undefined) return `${dep.name} (${dep.status})`;
  return `${dep.name} (${dep.status}: ${truncate(JSON.stringify(dep.data), maxData)})`;
}
