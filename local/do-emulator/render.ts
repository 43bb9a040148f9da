// JSON bodies as the App Platform API returns them.
import { componentsOf, phaseAt, phaseChangedAt, progressAt, type DeploymentRecord } from './model.js';
import type { AppRecord, Platform } from './platform.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function renderDeployment(d: DeploymentRecord, now: number): Record<string, unknown> {
  const names = (kind: string) =>
    componentsOf(d.spec)
      .filter((c) => c.kind === kind)
      .map((c) => ({ name: c.name }));
  const body: Record<string, unknown> = {
    id: d.id,
    cause: d.cause,
    spec: d.spec,
    phase: phaseAt(d, now),
    phase_last_updated_at: iso(phaseChangedAt(d, now)),
    created_at: iso(d.createdAt),
    updated_at: iso(phaseChangedAt(d, now)),
    progress: progressAt(d, now),
    tier_slug: 'basic',
  };
  if (d.clonedFrom) body.cloned_from = d.clonedFrom;
  for (const [key, kind] of [
    ['services', 'service'],
    ['static_sites', 'static site'],
    ['workers', 'worker'],
    ['jobs', 'job'],
  ] as const) {
    const list = names(kind);
    if (list.length) body[key] = list;
  }
  return body;
}

/** Where the active deployment is reachable: the local process when one runs, else the app's ingress. */
export function liveUrl(platform: Platform, app: AppRecord): string | undefined {
  const active = app.deployments.find((d) => d.id === app.activeId);
  if (!active) return undefined;
  const reachable = (active.spec.services ?? []).length + (active.spec.static_sites ?? []).length > 0;
  if (!reachable) return undefined;
  return (
    platform.serviceUrl(active.id) ?? `https://${active.spec.name}-${app.ingressSuffix}.ondigitalocean.app`
  );
}

export function renderApp(
  platform: Platform,
  app: AppRecord,
  now: number,
  pending?: DeploymentRecord,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: app.id,
    owner_uuid: app.ownerUuid,
    project_id: app.projectId,
    spec: app.spec,
    tier_slug: 'basic',
    created_at: iso(app.createdAt),
    updated_at: iso(app.updatedAt),
  };
  const newest = app.deployments[0];
  if (newest) body.last_deployment_created_at = iso(newest.createdAt);
  const active = app.deployments.find((d) => d.id === app.activeId);
  if (active) body.active_deployment = renderDeployment(active, now);
  const inProgress = app.deployments.find((d) => !d.end);
  if (inProgress) body.in_progress_deployment = renderDeployment(inProgress, now);
  // Create and update return the deployment they started; otherwise the newest one not yet building.
  const waiting = pending ?? app.deployments.find((d) => !d.end && phaseAt(d, now) === 'PENDING_BUILD');
  if (waiting) body.pending_deployment = renderDeployment(waiting, now);
  if (app.pinned) {
    const pinned = app.deployments.find((d) => d.id === app.pinned!.deploymentId);
    if (pinned) body.pinned_deployment = renderDeployment(pinned, now);
  }
  const url = liveUrl(platform, app);
  if (url) {
    const parsed = new URL(url);
    body.live_url = url;
    body.live_url_base = parsed.origin;
    body.live_domain = parsed.host;
    body.default_ingress = parsed.origin;
  }
  return body;
}
