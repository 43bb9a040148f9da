// Every input of build-image, read and validated before anything runs.
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import {
  InputError,
  booleanInput,
  choiceInput,
  linesInput,
  pairsInput,
  type ReadInput,
} from '../../../lib/inputs.js';
import { InvalidReferenceError, parseReference, type ImageReference } from '../../../lib/oci/reference.js';
import { DEFAULT_IMMUTABLE, immutableMatcher } from './immutable.js';
import type { Environment } from './tags.js';

export type BuilderChoice = 'auto' | 'docker' | 'buildah';
export type CacheChoice = 'gha' | 'registry' | 'none';

export interface BuildInputs {
  /** The image as written (before lower-casing), for the notice. */
  imageText: string;
  image?: ImageReference;
  context: string;
  file: string;
  environment: Environment;
  tagTemplates: string[];
  push: boolean;
  builder: BuilderChoice;
  credentials?: { username: string; password: string };
  promoteFrom?: ImageReference;
  buildArgs: [string, string][];
  labels: [string, string][];
  platforms: string[];
  cache: CacheChoice;
  immutablePatterns: string[];
  isImmutable: (tag: string) => boolean;
}

/** Parses a reference input; a malformed one is an InputError giving `expected` and the reason. */
function referenceInput(name: string, text: string, expected: string): ImageReference {
  try {
    return parseReference(text);
  } catch (error) {
    if (error instanceof InvalidReferenceError)
      throw new InputError(name, `${expected} (${error.reason})`, text);
    throw error;
  }
}

function imageInput(read: ReadInput): ImageReference | undefined {
  const text = read('image');
  if (!text) return undefined;
  const ref = referenceInput('image', text, 'an image name such as ghcr.io/owner/app');
  if (ref.tag || ref.digest)
    throw new InputError(
      'image',
      'a name without tag or digest (give tags with `tags` or `environment`)',
      text,
    );
  return ref;
}

function promoteInput(read: ReadInput): ImageReference | undefined {
  const text = read('promote-from');
  if (!text) return undefined;
  const expected = 'an image reference with a digest, such as ghcr.io/owner/app@sha256:<64 hex digits>';
  const ref = referenceInput('promote-from', text, expected);
  if (!ref.digest) throw new InputError('promote-from', expected, text);
  return ref;
}

function directoryInput(read: ReadInput, workspace: string): string {
  const text = read('context') || '.';
  const path = isAbsolute(text) ? text : resolve(workspace, text);
  if (!existsSync(path) || !statSync(path).isDirectory())
    throw new InputError('context', 'an existing directory (the build context)', text);
  return path;
}

function fileInput(read: ReadInput, workspace: string, context: string): string {
  const text = read('file');
  if (text) {
    const path = isAbsolute(text) ? text : resolve(workspace, text);
    if (!existsSync(path) || !statSync(path).isFile())
      throw new InputError('file', 'an existing Dockerfile', text);
    return path;
  }
  const found = ['Dockerfile', 'Containerfile'].map((name) => join(context, name)).find((p) => existsSync(p));
  if (!found) throw new InputError('file', `a Dockerfile (none at ${join(context, 'Dockerfile')})`);
  return found;
}

function credentialsInput(read: ReadInput, setSecret: (value: string) => void) {
  const username = read('username');
  const password = read('password');
  if (password) setSecret(password);
  if (!username && !password) return undefined;
  if (!username) throw new InputError('username', 'a username to go with `password`');
  if (!password) throw new InputError('password', 'a password or token to go with `username`');
  return { username, password };
}

const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;

function platformsInput(read: ReadInput): string[] {
  const platforms = read('platforms')
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const bad = platforms.find((p) => !PLATFORM.test(p));
  if (bad) throw new InputError('platforms', 'platforms such as linux/amd64,linux/arm64', bad);
  return platforms;
}

function immutableInput(read: ReadInput): string[] {
  const lines = linesInput(read, 'immutable-tags');
  if (lines.length === 1 && lines[0] === 'none') return [];
  return lines.length ? lines : DEFAULT_IMMUTABLE;
}

export function readInputs(
  read: ReadInput,
  setSecret: (value: string) => void,
  workspace: string,
): BuildInputs {
  const credentials = credentialsInput(read, setSecret);
  const image = imageInput(read);
  const promoteFrom = promoteInput(read);
  const push = booleanInput(read, 'push', true);
  const builder = choiceInput(read, 'builder', ['auto', 'docker', 'buildah'] as const, 'auto');
  const environment = choiceInput(read, 'environment', ['staging', 'production', 'none'] as const, 'none');
  const cache = choiceInput(read, 'cache', ['gha', 'registry', 'none'] as const, 'none');
  const immutablePatterns = immutableInput(read);
  const isImmutable = immutableMatcher(immutablePatterns);
  const tagTemplates = linesInput(read, 'tags');
  const buildArgs = pairsInput(read, 'build-args', '=', 'lines of NAME=value');
  const labels = pairsInput(read, 'labels', '=', 'lines of key=value');
  const platforms = platformsInput(read);
  if (push && !image && !promoteFrom)
    throw new InputError('image', 'an image name when `push` is true (or set `push: false`)');
  if (promoteFrom && !push)
    throw new InputError('push', '`true` with `promote-from` (promotion pushes tags)', 'false');
  // A promotion builds nothing, so context and file are not looked at.
  const context = promoteFrom ? workspace : directoryInput(read, workspace);
  const file = promoteFrom ? '' : fileInput(read, workspace, context);
  if (builder === 'buildah' && platforms.length > 1)
    throw new InputError(
      'platforms',
      'one platform with `builder: buildah` (use `builder: docker` for several)',
      platforms.join(','),
    );
  return {
    imageText: read('image'),
    image: image ?? (promoteFrom ? { ...promoteFrom, tag: undefined, digest: undefined } : undefined),
    context,
    file,
    environment,
    tagTemplates,
    push,
    builder,
    credentials,
    promoteFrom,
    buildArgs,
    labels,
    platforms,
    cache,
    immutablePatterns,
    isImmutable,
  };
}
