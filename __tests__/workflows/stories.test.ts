// The three stories of DESIGN.md, read off the workflows' steps: what runs, in which order,
// and which step's output feeds which input. A reordered or rewired step fails here.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '..', '..');

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, unknown>;
  with?: Record<string, unknown>;
  'continue-on-error'?: unknown;
}

interface Job {
  environment?: { name?: string; url?: string };
  outputs?: Record<string, string>;
  steps: Step[];
}

function job(workflow: string, name: string): Job {
  const doc = parse(readFileSync(resolve(root, '.github/workflows', workflow), 'utf8')) as {
    jobs: Record<string, Job>;
  };
  return doc.jobs[name];
}

/** Index of the one step that matches; fails when none or several do. */
function indexOf(steps: Step[], match: (step: Step) => boolean, what: string): number {
  const found = steps.flatMap((step, i) => (match(step) ? [i] : []));
  if (found.length !== 1) throw new Error(`expected one step that ${what}, found ${found.length}`);
  return found[0];
}

const action = (name: string) => (step: Step) => step.uses === `./.shipyard/actions/${name}`;
const script = (name: string) => (step: Step) => step.run === `.shipyard/scripts/workflows/${name}`;
const byId = (id: string) => (step: Step) => step.id === id;
const healthChecks = (steps: Step[]) => steps.flatMap((s, i) => (action('health-check')(s) ? [i] : []));

describe('story 1: a push to staging', () => {
  const { steps, environment } = job('deploy-staging.yml', 'deploy');

  it('builds once, pushes, makes the SBOM of that image and deploys its digest', () => {
    const build = indexOf(steps, action('build-image'), 'builds');
    expect(steps[build].with).toMatchObject({ environment: 'staging', push: true });
    expect(steps[build].with?.['promote-from']).toBeUndefined();
    const sbom = indexOf(steps, action('sbom'), 'makes the SBOM');
    const deploy = indexOf(steps, action('deploy-do'), 'deploys');
    expect(steps[sbom].with?.image).toBe('${{ steps.build.outputs.image-ref }}');
    expect(steps[deploy].with?.images).toBe('${{ inputs.component }}=${{ steps.build.outputs.image-ref }}');
    expect(build).toBeLessThan(sbom);
    expect(sbom).toBeLessThan(deploy);
  });

  it('verifies the live URL after the deploy, this commit included, and records the deployment', () => {
    const deploy = indexOf(steps, action('deploy-do'), 'deploys');
    const checks = healthChecks(steps);
    expect(checks.length).toBe(3);
    expect(Math.min(...checks)).toBeGreaterThan(deploy);
    expect(checks.map((i) => steps[i].with?.json)).toContain('${{ inputs.version-field }}=${{ github.sha }}');
    expect(environment).toEqual({ name: 'staging', url: '${{ steps.deploy.outputs.live-url }}' });
    const summary = indexOf(steps, script('deploy-summary.sh'), 'summarises');
    expect(steps[summary].if).toBe('always()');
    expect(summary).toBe(steps.length - 1);
  });
});

describe('story 2: an approved production deploy', () => {
  const { steps, environment } = job('deploy-production.yml', 'deploy');

  it('waits on the production environment and records the deployment', () => {
    expect(environment).toEqual({ name: 'production', url: '${{ steps.deploy.outputs.live-url }}' });
  });

  it('promotes the digest staging verified: verified, then resolved, then promoted, never rebuilt by default', () => {
    const verified = indexOf(steps, script('staging-verified.sh'), 'checks staging verified it');
    const source = indexOf(steps, script('resolve-version.sh'), 'resolves the staging image');
    const promote = indexOf(steps, byId('promote'), 'promotes');
    expect(verified).toBeLessThan(source);
    expect(source).toBeLessThan(promote);
    expect(steps[source].env?.VERSION).toMatch(/format\('staging-\{0\}', steps\.names\.outputs\.sha7\)/);
    expect(steps[promote].with).toMatchObject({
      environment: 'production',
      'promote-from': '${{ steps.source.outputs.image-ref }}',
    });
    // A failure before the deploy stops the job unless the caller asked for a build instead:
    // then, and only then, the rebuild step can run.
    for (const i of [verified, source, promote])
      expect(steps[i]['continue-on-error']).toBe('${{ inputs.build-if-missing }}');
    const rebuilds = steps.filter((s) => action('build-image')(s) && s.id !== 'promote');
    expect(rebuilds.map((s) => s.id)).toEqual(['rebuild']);
    expect(rebuilds[0].if).not.toMatch(/always\(\)|failure\(\)/);
  });

  it('deploys the promoted (or, when told, rebuilt) image, then verifies it', () => {
    const deploy = indexOf(steps, action('deploy-do'), 'deploys');
    const chosen = indexOf(steps, byId('build'), 'chooses the image');
    expect(steps[chosen].env?.PROMOTED_REF).toBe('${{ steps.promote.outputs.image-ref }}');
    expect(steps[deploy].with?.images).toBe('${{ inputs.component }}=${{ steps.build.outputs.image-ref }}');
    expect(chosen).toBeLessThan(deploy);
    expect(Math.min(...healthChecks(steps))).toBeGreaterThan(deploy);
  });
});

describe('story 3: a rollback dispatch', () => {
  const { steps, environment, outputs } = job('rollback.yml', 'rollback');

  it('checks that the image exists before anything changes, then deploys that digest', () => {
    const resolveStep = indexOf(steps, script('resolve-version.sh'), 'checks the image');
    const deploy = indexOf(steps, action('deploy-do'), 'deploys');
    expect(resolveStep).toBeLessThan(deploy);
    const changes = steps.slice(0, resolveStep).filter((s) => s.uses?.startsWith('./.shipyard/actions/'));
    expect(changes).toEqual([]);
    expect(steps[deploy].with?.images).toMatch(/steps\.resolve\.outputs\.image-ref/);
    expect(steps[deploy].with?.['rollback-to']).toBe('${{ steps.resolve.outputs.rollback-to }}');
  });

  it('verifies health after the deploy and always says what was live before and what is now', () => {
    const deploy = indexOf(steps, action('deploy-do'), 'deploys');
    expect(Math.min(...healthChecks(steps))).toBeGreaterThan(deploy);
    const summary = indexOf(steps, script('rollback-summary.sh'), 'summarises');
    expect(summary).toBe(steps.length - 1);
    expect(steps[summary].if).toBe('always()');
    expect(steps[summary].env).toMatchObject({
      PREVIOUS_DEPLOYMENT_ID: '${{ steps.deploy.outputs.previous-deployment-id }}',
      DEPLOYMENT_ID: '${{ steps.deploy.outputs.deployment-id }}',
    });
    expect(environment?.url).toBe('${{ steps.deploy.outputs.live-url }}');
    expect(outputs?.['previous-deployment-id']).toBe('${{ steps.deploy.outputs.previous-deployment-id }}');
  });
});

describe('smoke on its own', () => {
  it('reports healthy from the outcome of every check, read last and always', () => {
    const { steps, outputs } = job('smoke.yml', 'smoke');
    const result = steps.length - 1;
    expect(steps[result]).toMatchObject({
      id: 'result',
      if: 'always()',
      env: { STATUS: '${{ job.status }}' },
    });
    expect(outputs?.healthy).toBe('${{ steps.result.outputs.healthy }}');
    expect(healthChecks(steps).length).toBe(3);
  });
});

describe('the examples a user copies', () => {
  it('send to production only what staging verified: no rebuild fallback', () => {
    const doc = parse(readFileSync(resolve(root, 'examples/.github/workflows/production.yml'), 'utf8')) as {
      jobs: Record<string, { uses?: string; with?: Record<string, unknown> }>;
    };
    const calls = Object.values(doc.jobs).filter((j) => j.uses?.includes('/deploy-production.yml@'));
    expect(calls.length).toBe(1);
    expect(calls[0].with?.['build-if-missing'] ?? false).toBe(false);
  });
});
