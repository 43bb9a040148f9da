// `npm run demo` end to end: the whole pipeline with the real bundles, then what each step left
// behind, checked independently of the pipeline's own checks (the live URLs are fetched here too).
import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import type { PipelineContext, PipelineStep } from '../../local/pipeline/context.js';
import { runPipeline, type PipelineResult } from '../../local/pipeline/pipeline.js';
import { pipelineSteps, previousReleaseSteps } from '../../local/pipeline/steps.js';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function servedVersion(url: string): Promise<{ version: string; sha: string }> {
  const response = await fetch(`${url}/version`, { signal: AbortSignal.timeout(5000) });
  expect(response.status).toBe(200);
  return (await response.json()) as { version: string; sha: string };
}

async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

function runsOf(context: PipelineContext, action: string, step?: RegExp) {
  return context.runs.filter((r) => r.action === action && (!step || step.test(r.step)));
}

describe('the pipeline on one machine', () => {
  it('builds, scans, deploys, verifies, promotes without a build and rolls back, then stops everything', async () => {
    const lines: string[] = [];
    const served: Record<string, { version: string; sha: string }> = {};
    const afterStep = async (step: PipelineStep, context: PipelineContext) => {
      const key = `${step.stage}: ${step.name}`;
      if (/^(staging|production|rollback by version): deploy/.test(key) || /^rollback: roll/.test(key)) {
        const app = step.stage === 'staging' ? context.apps.staging! : context.apps.production!;
        served[step.stage] = await servedVersion(app.liveUrl);
      }
    };
    const result: PipelineResult = await runPipeline({ log: (t) => void lines.push(t), afterStep });
    const log = lines.join('\n');
    const failed = result.steps.find((s) => !s.ok);
    expect(failed?.detail ?? 'no failed step').toBe('no failed step');
    expect(result.ok).toBe(true);
    expect(result.steps.map((s) => `${s.stage}: ${s.name}`)).toEqual(
      pipelineSteps.map((s) => `${s.stage}: ${s.name}`),
    );

    const { context } = result;
    const { previous, current } = context.options.commits;
    const { images } = context;

    // Built once for staging; production got the same digest, the previous release another one.
    expect(images.staging!.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(images.production!.digest).toBe(images.staging!.digest);
    expect(images.previous!.digest).not.toBe(images.staging!.digest);
    const name = `${context.registry!.host}/${context.repository}`;
    expect(images.staging!.tags).toEqual([
      `${name}:staging-latest`,
      `${name}:staging-${current.sha.slice(0, 7)}`,
    ]);
    expect(images.production!.tags).toEqual(
      expect.arrayContaining([`${name}:prod-${current.sha.slice(0, 7)}`, `${name}:latest`]),
    );
    expect(images.previous!.tags).toContain(`${name}:v1.0.0`);

    // The promotion ran no builder and no command; the builds used buildah.
    const [promotion] = runsOf(context, 'build-image', /^production:/);
    expect(promotion.inputs['promote-from']).toBe(images.staging!.imageRef);
    const metadata = JSON.parse(promotion.outputs.metadata) as { builder: string; commands: string[] };
    expect(metadata).toMatchObject({ builder: 'none', commands: [] });
    for (const build of runsOf(context, 'build-image').filter((r) => r !== promotion))
      expect(JSON.parse(build.outputs.metadata)).toMatchObject({ builder: 'buildah', pushed: true });

    // Each action saw the push the runner would describe.
    const stagingBuild = runsOf(context, 'build-image', /^staging:/)[0];
    expect(stagingBuild.push).toMatchObject({ ref: 'refs/heads/staging', sha: current.sha });
    expect(promotion.push).toMatchObject({ ref: 'refs/heads/main', sha: current.sha });
    expect(stagingBuild.outputs.version).toBe(`staging-${current.sha.slice(0, 7)}`);

    // The SBOM lists the image's components.
    expect(context.sbom!.componentCount).toBeGreaterThan(0);
    expect(context.sbom!.components).toEqual(
      expect.arrayContaining([expect.stringMatching(/^busybox-static@/)]),
    );
    expect(context.sbom!.document).toMatchObject({ bomFormat: 'CycloneDX' });

    // What the live URLs served, fetched here right after each deploy.
    expect(served.staging).toEqual({ version: current.version, sha: current.sha });
    expect(served.production).toEqual({ version: current.version, sha: current.sha });
    expect(served.rollback).toEqual({ version: previous.version, sha: previous.sha });
    expect(served['rollback by version']).toEqual({ version: current.version, sha: current.sha });

    // By version: the rollback workflow's script found prod-<sha7> in the registry first.
    const [resolve] = runsOf(context, 'scripts/workflows/resolve-version.sh');
    expect(resolve.outputs['image-ref']).toBe(`${name}@${images.production!.digest}`);
    expect(context.resolvedVersion).toEqual({
      tag: `prod-${current.sha.slice(0, 7)}`,
      digest: images.production!.digest,
    });

    // The rollback went back to the previous release's deployment and image.
    const rollback = runsOf(context, 'deploy-do', /^rollback: /)[0];
    expect(rollback.inputs['rollback-to']).toBe('previous');
    expect(rollback.push).toMatchObject({ event: 'workflow_dispatch', inputs: { version: 'previous' } });
    expect(rollback.outputs['previous-deployment-id']).toBe(context.rollback!.from.deploymentId);
    const starts = context.serviceStarts;
    expect(starts.map((s) => s.image)).toEqual([
      `ghcr.io/${context.repository}@${images.previous!.digest}`,
      `ghcr.io/${context.repository}@${images.staging!.digest}`,
      `ghcr.io/${context.repository}@${images.staging!.digest}`,
      `ghcr.io/${context.repository}@${images.previous!.digest}`,
      `ghcr.io/${context.repository}@${images.staging!.digest}`,
    ]);

    // Secrets stayed masked; summaries and the final figures were printed.
    for (const run of context.runs) {
      for (const secret of context.secrets) {
        expect(run.summary).not.toContain(secret);
        expect(run.stdout.replace(/^::add-mask::.*$/gm, '')).not.toContain(secret);
      }
    }
    expect(log).toContain('Promoted');
    expect(log).toContain('Rollback of sample-app: ACTIVE');
    expect(log).toMatch(/busybox-static/);
    expect(log).toContain(`production  ${result.liveUrls.production}`);
    expect(log).toMatch(
      /Pipeline overhead: \d+\.\d s \(total \d+\.\d s − image builds \d+\.\d s; goal < 10 s\)/,
    );
    expect(result.overheadMs).toBe(result.totalMs - result.imageBuildMs);
    expect(result.imageBuildMs).toBeGreaterThan(0);

    // Everything it started is stopped.
    for (const start of starts) expect(isRunning(start.pid)).toBe(false);
    expect(await reachable(context.registry!.url)).toBe(false);
    expect(await reachable(context.emulator!.url)).toBe(false);
    expect(existsSync(context.workDir)).toBe(false);
  }, 240_000);

  it('stops at a staging verification that fails, promotes nothing, and still stops everything', async () => {
    const lines: string[] = [];
    const steps = pipelineSteps.filter((s) => !previousReleaseSteps.includes(s));
    const result = await runPipeline(
      { log: (t) => void lines.push(t), stagingEnv: { DATABASE_DOWN: '1' }, healthTimeout: '2s' },
      steps,
    );
    expect(result.ok).toBe(false);
    const last = result.steps[result.steps.length - 1];
    expect(`${last.stage}: ${last.name}`).toBe(
      'staging: verify: live, ready, the smoke paths serve the pushed SHA',
    );
    expect(last.ok).toBe(false);
    expect(last.detail).toMatch(/health-check failed .*health\/ready.*DOWN: database/s);
    expect(result.skipped[0]).toBe('production: promote the verified digest (no build)');
    expect(result.context.images.production).toBeUndefined();
    expect(runsOf(result.context, 'deploy-do')).toHaveLength(1);
    expect(lines.join('\n')).toContain('✘ pipeline failed');
    for (const start of result.context.serviceStarts) expect(isRunning(start.pid)).toBe(false);
    expect(await reachable(result.context.registry!.url)).toBe(false);
  }, 120_000);

  it('says how to install buildah and docker-registry when they are missing, before starting anything', async () => {
    const lines: string[] = [];
    const result = await runPipeline({
      log: (t) => void lines.push(t),
      tools: { buildah: '/nonexistent/buildah', registry: '/nonexistent/docker-registry' },
    });
    expect(result.ok).toBe(false);
    expect(result.steps).toHaveLength(1);
    expect(result.steps[0].detail).toContain('buildah is missing (no /nonexistent/buildah)');
    expect(result.steps[0].detail).toContain('docker-registry is missing (no /nonexistent/docker-registry)');
    expect(result.steps[0].detail).toContain('apt-get install -y buildah docker-registry busybox-static');
    expect(result.context.registry).toBeUndefined();
    expect(result.skipped).toHaveLength(pipelineSteps.length - 1);
  });
});
