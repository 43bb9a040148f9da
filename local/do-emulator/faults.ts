// Faults a test scripts into the emulator. HTTP faults hit matching requests; deployment
// faults shape the next deployment(s) created through the API.
import type { ProgressPhase, StepReason } from './model.js';

export interface RequestMatch {
  method?: string;
  /** Exact pathname, or a pattern tested against it. */
  path?: string | RegExp;
}

export type Fault =
  /** Answer with this status (429 storm, 5xx) in the API's error shape. */
  | {
      type: 'status';
      status: number;
      times?: number;
      retryAfter?: number;
      match?: RequestMatch;
      message?: string;
    }
  /** Drop the connection: before handling, or after the request took effect (a lost response). */
  | { type: 'reset'; times?: number; when?: 'before' | 'after'; match?: RequestMatch }
  /** The build of a component fails: ERROR with the failed step's reason and BUILD logs. */
  | {
      type: 'build-error';
      component?: string;
      reason?: Partial<StepReason>;
      logTail?: string[];
      logLines?: number;
      times?: number;
    }
  /** A component fails to deploy: its `wait` step (health check) fails. */
  | {
      type: 'deploy-error';
      component?: string;
      reason?: Partial<StepReason>;
      logTail?: string[];
      times?: number;
    }
  /** A newer deployment appears midway through this phase and goes ACTIVE, superseding it. */
  | { type: 'supersede'; phase?: ProgressPhase; times?: number }
  /** The deployment stops moving in this phase until canceled. */
  | { type: 'hang'; phase?: ProgressPhase; times?: number }
  /** Large build logs: this many filler lines in every BUILD log of the next deployment(s). */
  | { type: 'log-lines'; lines: number; times?: number };

export type HttpFault = Extract<Fault, { type: 'status' | 'reset' }>;
export type DeploymentFault = Exclude<Fault, HttpFault>;

interface Armed<F> {
  fault: F;
  remaining: number;
}

export class FaultQueue {
  private readonly http: Armed<HttpFault>[] = [];
  private readonly deployment: Armed<DeploymentFault>[] = [];

  add(fault: Fault): void {
    const remaining = fault.times ?? 1;
    if (fault.type === 'status' || fault.type === 'reset') this.http.push({ fault, remaining });
    else this.deployment.push({ fault, remaining });
  }

  /** The HTTP fault for this request, if any, used up by one. */
  takeHttp(method: string, pathname: string): HttpFault | undefined {
    const armed = this.http.find((a) => a.remaining > 0 && matches(a.fault.match, method, pathname));
    if (!armed) return undefined;
    armed.remaining--;
    return armed.fault;
  }

  /** All deployment faults for the next deployment, each used up by one. */
  takeDeployment(): DeploymentFault[] {
    const taken: DeploymentFault[] = [];
    for (const armed of this.deployment) {
      if (armed.remaining <= 0 || taken.some((t) => t.type === armed.fault.type)) continue;
      armed.remaining--;
      taken.push(armed.fault);
    }
    return taken;
  }

  pending(): Fault[] {
    return [...this.http, ...this.deployment].filter((a) => a.remaining > 0).map((a) => a.fault);
  }

  clear(): void {
    this.http.length = 0;
    this.deployment.length = 0;
  }
}

function matches(match: RequestMatch | undefined, method: string, pathname: string): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.path === undefined) return true;
  return typeof match.path === 'string' ? match.path === pathname : match.path.test(pathname);
}
