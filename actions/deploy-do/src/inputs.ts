// Reads and checks every deploy-do input before anything talks to the API.
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import {
  booleanInput,
  choiceInput,
  durationInput,
  InputError,
  linesInput,
  optionalString,
  requiredString,
  type ReadInput,
} from '../../../lib/inputs.js';
import type { DeployInputs, PrintLogs } from './deploy.js';
import { applyImageEnv, assignImage, parseImagesInput } from './images.js';
import { cloneSpec, parseSpec, substituteVariables } from './spec.js';

export interface ActionInputs extends DeployInputs {
  token: string;
  apiUrl: string;
  specPath?: string;
  /** Placeholders in the spec naming no environment variable (left for App Platform). */
  unresolvedVariables: string[];
  warnings: string[];
}

const DEPLOYMENT_ID = /^[A-Za-z0-9][A-Za-z0-9-]{2,63}$/;

export function readInputs(
  read: ReadInput,
  env: Record<string, string | undefined>,
  workspace = env.GITHUB_WORKSPACE ?? process.cwd(),
): ActionInputs {
  const token = requiredString(
    read,
    'token',
    'a DigitalOcean API token (for example `${{ secrets.DIGITALOCEAN_TOKEN }}`)',
  );
  // Only printable ASCII without spaces fits a header; a pasted secret with a line break would
  // otherwise fail later inside fetch, in a message quoting it.
  if (/[^!-~]/.test(token))
    throw new InputError('token', 'an API token on one line, without spaces (the value is not shown)');
  const appId = optionalString(read, 'app-id') || undefined;
  const appName = optionalString(read, 'app-name') || undefined;
  if (appId && appName) throw new InputError('app-id', 'either `app-id` or `app-name`, not both');
  if (!appId && !appName) throw new InputError('app-name', 'the app to deploy: set `app-name` or `app-id`');
  const warnings: string[] = [];
  const specPath = optionalString(read, 'spec') || undefined;
  const loaded = specPath ? loadSpec(specPath, workspace, env) : undefined;
  const spec = loaded?.spec;
  if (spec && appName && spec.name !== appName)
    throw new InputError('spec', `an app spec whose \`name\` is the \`app-name\` '${appName}'`, spec.name);
  if (spec) applyImageEnv(cloneSpec(spec), env);
  const images = parseImagesInput(linesInput(read, 'images'), spec);
  if (spec) {
    const trial = cloneSpec(spec);
    images.forEach((assignment) => assignImage(trial, assignment));
  }
  const rollbackTo = optionalString(read, 'rollback-to') || undefined;
  if (rollbackTo) {
    if (rollbackTo !== 'previous' && !DEPLOYMENT_ID.test(rollbackTo))
      throw new InputError('rollback-to', '`previous` or a deployment id', rollbackTo);
    if (images.length)
      throw new InputError(
        'rollback-to',
        'no `images` alongside it (a rollback redeploys an earlier deployment exactly as it was)',
      );
    if (spec)
      warnings.push(
        '`spec` is ignored with `rollback-to`: a rollback redeploys an earlier deployment as it was.',
      );
  }
  const timeoutMs = durationInput(read, 'timeout', '30m');
  if (timeoutMs <= 0) throw new InputError('timeout', 'a duration above zero', read('timeout'));
  const create = booleanInput(read, 'create', false);
  if (create && !spec)
    throw new InputError('spec', 'an app spec file to create the app from (`create: true`)');
  if (create && appId)
    throw new InputError('create', '`app-name` rather than `app-id` (an app to create has no id yet)');
  const projectId = optionalString(read, 'project-id') || undefined;
  // Only an app this run creates goes into a project; alone it would be silently ignored.
  if (projectId && !create)
    throw new InputError(
      'project-id',
      'no `project-id` unless `create: true` (it only places an app that `create` makes; an existing app stays in its project)',
      projectId,
    );
  return {
    token,
    appId,
    appName,
    spec,
    specPath,
    unresolvedVariables: loaded?.unresolved ?? [],
    images,
    wait: booleanInput(read, 'wait', true),
    timeoutMs,
    forceBuild: booleanInput(read, 'force-build', false),
    printLogs: choiceInput<PrintLogs>(read, 'print-logs', ['on-failure', 'always', 'never'], 'on-failure'),
    rollbackTo,
    apiUrl: apiUrlInput(read),
    create,
    projectId,
    warnings,
  };
}

function loadSpec(path: string, workspace: string, env: Record<string, string | undefined>) {
  const file = isAbsolute(path) ? path : resolve(workspace, path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(
      'spec',
      'a readable app spec file',
      `${path}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  const substituted = substituteVariables(text, env);
  return { spec: parseSpec(substituted.text), unresolved: substituted.unresolved };
}

function apiUrlInput(read: ReadInput): string {
  const value = optionalString(read, 'api-url', 'https://api.digitalocean.com');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError('api-url', 'an http(s) URL such as https://api.digitalocean.com', value);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new InputError('api-url', 'an http(s) URL such as https://api.digitalocean.com', value);
  // The token goes in every request: plain http only to this machine (a local emulator).
  if (url.protocol === 'http:' && !isLoopback(url.hostname))
    throw new InputError(
      'api-url',
      'an https URL (plain http only for localhost or 127.0.0.1, since the token is sent with every request)',
      value,
    );
  return value.replace(/\/+$/, '');
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
