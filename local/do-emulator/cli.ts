// Runs the emulator as a standalone server for manual runs and local pipelines:
//   node --experimental-transform-types scripts/ts-run.mjs local/do-emulator/cli.ts \
//     [--spec app.yaml] [--token T] [--phase-ms 500] [--service-command "node server.js"] [--spec-port]
// Prints one JSON line {url, token, appId?} once listening; stops on SIGINT/SIGTERM.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { spawnService } from './services.js';
import { startEmulator } from './server.js';
import type { AppSpec } from './model.js';

const { values } = parseArgs({
  options: {
    spec: { type: 'string' },
    token: { type: 'string' },
    'phase-ms': { type: 'string' },
    'service-command': { type: 'string' },
    'spec-port': { type: 'boolean', default: false },
  },
});

const phaseMs = values['phase-ms'] === undefined ? undefined : Number(values['phase-ms']);
if (phaseMs !== undefined && !(phaseMs >= 0)) throw new Error(`--phase-ms must be a number of milliseconds`);
const [command, ...args] = (values['service-command'] ?? '').split(/\s+/).filter(Boolean);

const emu = await startEmulator({
  token: values.token,
  phaseMs,
  runService: command
    ? spawnService({ command: () => ({ command, args }), port: values['spec-port'] ? 'spec' : 'random' })
    : undefined,
});
const app = values.spec ? await emu.seedApp(parse(readFileSync(values.spec, 'utf8')) as AppSpec) : undefined;
console.log(JSON.stringify({ url: emu.url, token: emu.token, appId: app?.id }));

const stop = async () => {
  await emu.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
