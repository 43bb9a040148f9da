// configure-environments: reads the environment protection file and applies it to the
// repository through GitHub's REST API.
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { booleanInput, InputError, linesInput, optionalString, requiredString } from '../../../lib/inputs.js';
import { processRunner, type Env, type Runner } from '../../../lib/runner.js';
import { escapeCell, table } from '../../../lib/summary.js';
import { applyEnvironments, type EnvironmentResult } from './apply.js';
import { ConfigError, describeRefs, describeReviewer, parseConfig, type EnvironmentSpec } from './config.js';
import { GitHubApi, type Repository } from './github.js';

export interface Inputs {
  token: string;
  configPath: string;
  repository: Repository;
  apiUrl: string;
  dryRun: boolean;
  specs: EnvironmentSpec[];
}

export function readInputs(runner: Runner, env: Env): Inputs {
  const read = (name: string) => runner.input(name);
  const token = requiredString(read, 'token', 'a token allowed to administer the repository');
  runner.setSecret(token);
  const repositoryText = optionalString(read, 'repository', env.GITHUB_REPOSITORY ?? '');
  const repo = /^([A-Za-z0-9-]+)\/([A-Za-z0-9_.-]+)$/.exec(repositoryText);
  if (!repo) throw new InputError('repository', '`owner/name`', repositoryText);
  const apiUrl = optionalString(read, 'api-url', env.GITHUB_API_URL || 'https://api.github.com');
  if (!/^https?:\/\/[^\s/]+/.test(apiUrl)) throw new InputError('api-url', 'an http(s) URL', apiUrl);
  const config = optionalString(read, 'config', '.github/environments.yml');
  const configPath = isAbsolute(config) ? config : resolve(env.GITHUB_WORKSPACE ?? process.cwd(), config);
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch {
    throw new InputError('config', 'a readable environment protection file', config);
  }
  let specs = parseConfig(text, config);
  const only = linesInput(read, 'environments');
  for (const name of only)
    if (!specs.some((s) => s.name === name))
      throw new InputError(
        'environments',
        `names listed in ${config} (${specs.map((s) => s.name).join(', ')})`,
        name,
      );
  if (only.length) specs = specs.filter((s) => only.includes(s.name));
  return {
    token,
    configPath: config,
    repository: { owner: repo[1], name: repo[2] },
    apiUrl,
    dryRun: booleanInput(read, 'dry-run', false),
    specs,
  };
}

function summary(inputs: Inputs, results: EnvironmentResult[]): string {
  const changes = (r: EnvironmentResult) =>
    [
      ...r.added.map((p) => `+${p.type} \`${p.name}\``),
      ...r.removed.map((p) => `−${p.type} \`${p.name}\``),
    ].join(', ') || 'none';
  const rows = inputs.specs.map((spec) => {
    const result = results.find((r) => r.name === spec.name)!;
    return [
      spec.name,
      spec.reviewers.map(describeReviewer).join(', ') || 'none',
      spec.preventSelfReview ? 'no' : 'yes',
      spec.waitTimerMinutes ? `${spec.waitTimerMinutes} min` : 'none',
      describeRefs(spec.deploymentRefs),
      changes(result),
    ].map((cell) => escapeCell(cell));
  });
  const title = `${inputs.dryRun ? 'Environment protection (dry run, nothing changed)' : 'Environment protection applied'}: ${inputs.repository.owner}/${inputs.repository.name}`;
  return `### ${title}\n\n${table(['environment', 'reviewers', 'self-review', 'wait', 'deploys from', 'policy changes'], rows)}\n`;
}

export async function run(
  runner: Runner = processRunner(),
  env: Env = process.env,
  io: { fetch?: typeof fetch } = {},
) {
  let inputs: Inputs;
  try {
    inputs = readInputs(runner, env);
  } catch (error) {
    if (error instanceof InputError || error instanceof ConfigError) return runner.fail(error.message);
    throw error;
  }
  const api = new GitHubApi(inputs.apiUrl, inputs.token, io);
  try {
    const results = await applyEnvironments(api, inputs.repository, inputs.specs, {
      dryRun: inputs.dryRun,
      log: (message) => runner.info(message),
    });
    runner.setOutput('environments', inputs.specs.map((s) => s.name).join(','));
    runner.setOutput('report', JSON.stringify(results));
    runner.appendSummary(summary(inputs, results));
  } catch (error) {
    runner.fail((error as Error).message);
  }
}
