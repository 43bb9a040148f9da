// `npm run demo`: the whole pipeline on this machine with the real bundles, invoked as the runner
// invokes them. A local registry and the App Platform emulator; a previous release in production;
// the staging story (build with buildah, push, SBOM, deploy the digest, health and smoke); the
// verified digest promoted to production without a build, deployed and verified; production
// rolled back to the previous release (App Platform's rollback), then to a version by its tag
// (the rollback workflow's registry check first), each verified. Exit code 0 only when every
// step passed. local/pipeline/README.md describes the steps.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { PipelineContext } from './pipeline/context.js';
import { runPipeline } from './pipeline/pipeline.js';

export { runPipeline } from './pipeline/pipeline.js';

function phaseMs(text: string): number {
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 0) {
    console.error(`::error::--phase-ms: expected a whole number of milliseconds, got '${text}'`);
    process.exit(2);
  }
  return ms;
}

async function untilInterrupted(context: PipelineContext): Promise<void> {
  console.log(
    [
      '',
      'Everything keeps running; Ctrl-C stops it.',
      `  registry          ${context.registry?.url}`,
      `  App Platform API  ${context.emulator?.url} (token ${context.emulator?.token})`,
      `  staging           ${context.apps.staging?.liveUrl}`,
      `  production        ${context.apps.production?.liveUrl}`,
    ].join('\n'),
  );
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      verbose: { type: 'boolean', short: 'v', default: false },
      'database-down': { type: 'boolean', default: false },
      'with-node': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'health-timeout': { type: 'string', default: '30s' },
      'phase-ms': { type: 'string', default: '0' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(
      [
        'npm run demo [-- options]',
        '  -v, --verbose         print every action log in full, not only annotations and summaries',
        '  --database-down       break the staging app (its database stays DOWN): see a failed verification',
        '  --keep                keep the registry, the emulator and the apps running until Ctrl-C',
        '  --with-node           put the Node runtime (45 MB) in the image instead of busybox',
        '  --health-timeout 30s  how long each health check may wait',
        '  --phase-ms 0          how long each emulated deployment phase lasts (e.g. 500 to watch deploy-do poll)',
      ].join('\n'),
    );
  } else {
    const result = await runPipeline({
      verbose: values.verbose,
      healthTimeout: values['health-timeout'],
      phaseMs: phaseMs(values['phase-ms']),
      imageRuntime: values['with-node'] ? 'node' : 'busybox',
      beforeStop: values.keep ? untilInterrupted : undefined,
      stagingEnv: values['database-down'] ? { DATABASE_DOWN: '1' } : undefined,
    });
    process.exitCode = result.ok ? 0 : 1;
  }
}
