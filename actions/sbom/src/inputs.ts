// Reads and validates every input before anything happens.
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { booleanInput, InputError, optionalString, type ReadInput } from '../../../lib/inputs.js';
import { InvalidReferenceError, parseReference, type ImageReference } from '../../../lib/oci/index.js';
import type { Env } from '../../../lib/runner.js';
import { parsePlatform, type Platform } from './image/platform.js';

export const FORMATS = ['cyclonedx-json', 'spdx-json'] as const;
export type Format = (typeof FORMATS)[number];

export interface SbomInputs {
  source:
    { kind: 'path'; path: string; shown: string } | { kind: 'image'; ref: ImageReference; text: string };
  formats: Format[];
  /** One file per format, in the order of `formats`. */
  outputFiles: string[];
  uploadArtifact: boolean;
  artifactName?: string;
  matrix: string;
  dependencySnapshot: boolean;
  attachToRelease: boolean;
  platform: Platform;
  credentials?: { username: string; password: string };
  token: string;
  apiUrl: string;
}

const EXTENSION: Record<Format, string> = { 'cyclonedx-json': '.cdx.json', 'spdx-json': '.spdx.json' };

function readFormats(read: ReadInput): Format[] {
  const words = (read('format') || 'cyclonedx-json').split(/[\s,]+/).filter(Boolean);
  const formats: Format[] = [];
  for (const word of words) {
    if (!(FORMATS as readonly string[]).includes(word))
      throw new InputError(
        'format',
        `'cyclonedx-json', 'spdx-json' or both (comma- or newline-separated)`,
        word,
      );
    if (!formats.includes(word as Format)) formats.push(word as Format);
  }
  return formats;
}

/** With several formats each file gets its format's extension in place of a `.json` ending. */
export function outputFilesFor(formats: Format[], outputFile: string, defaultStem: string): string[] {
  if (!outputFile) return formats.map((f) => `${defaultStem}${EXTENSION[f]}`);
  if (formats.length === 1) return [outputFile];
  const stem = outputFile.replace(/(\.cdx|\.spdx)?\.json$/, '');
  return formats.map((f) => `${stem}${EXTENSION[f]}`);
}

function safeStem(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'sbom';
}

export function readInputs(read: ReadInput, env: Env, cwd = process.cwd()): SbomInputs {
  const pathText = read('path');
  const imageText = read('image');
  if (!pathText && !imageText)
    throw new InputError(
      'path',
      'a folder or lockfile to scan (or set `image` to an image reference instead)',
    );
  if (pathText && imageText)
    throw new InputError(
      'image',
      'either `path` or `image`, not both (use two steps for two SBOMs)',
      imageText,
    );
  let source: SbomInputs['source'];
  let stem: string;
  if (pathText) {
    const workspace = env.GITHUB_WORKSPACE || cwd;
    const path = isAbsolute(pathText) ? pathText : resolve(workspace, pathText);
    if (!existsSync(path)) throw new InputError('path', 'an existing folder or lockfile', pathText);
    source = { kind: 'path', path, shown: pathText };
    const named =
      path === resolve(workspace) ? (env.GITHUB_REPOSITORY ?? 'source').split('/').pop()! : basename(path);
    stem = `sbom-${safeStem(named)}`;
  } else {
    let ref: ImageReference;
    try {
      ref = parseReference(imageText);
    } catch (error) {
      if (error instanceof InvalidReferenceError)
        throw new InputError(
          'image',
          `an image reference such as ghcr.io/owner/app:1.2.3 (${error.reason})`,
          imageText,
        );
      throw error;
    }
    if (!ref.tag && !ref.digest)
      throw new InputError(
        'image',
        'an image reference with a tag or a digest (name:tag or name@sha256:…)',
        imageText,
      );
    source = { kind: 'image', ref, text: imageText };
    stem = `sbom-${safeStem(ref.repository.split('/').pop()!)}`;
  }
  const formats = readFormats(read);
  const outputDir = env.RUNNER_TEMP || tmpdir();
  const outputFiles = outputFilesFor(formats, read('output-file'), join(outputDir, stem)).map((f) =>
    isAbsolute(f) ? f : resolve(env.GITHUB_WORKSPACE || cwd, f),
  );
  const platformText = read('platform') || 'linux/amd64';
  const platform = parsePlatform(platformText);
  if (!platform)
    throw new InputError(
      'platform',
      'os/architecture[/variant], e.g. linux/amd64 or linux/arm64',
      platformText,
    );
  const username = read('registry-username');
  const password = read('registry-password');
  if (!!username !== !!password)
    throw new InputError(
      username ? 'registry-password' : 'registry-username',
      'both `registry-username` and `registry-password`, or neither',
    );
  const apiUrl = optionalString(read, 'api-url', env.GITHUB_API_URL || 'https://api.github.com');
  if (!/^https?:\/\/[^\s/]+/.test(apiUrl)) throw new InputError('api-url', 'an http(s) URL', apiUrl);
  const dependencySnapshot = booleanInput(read, 'dependency-snapshot', false);
  const attachToRelease = booleanInput(read, 'attach-to-release', true);
  const token = read('token');
  if (dependencySnapshot && !token)
    throw new InputError('token', 'a GitHub token with `contents: write` when `dependency-snapshot` is true');
  if (attachToRelease && env.GITHUB_EVENT_NAME === 'release' && !token)
    throw new InputError(
      'token',
      'a GitHub token with `contents: write` to attach the SBOM to the release (or set `attach-to-release: false`)',
    );
  return {
    source,
    formats,
    outputFiles,
    uploadArtifact: booleanInput(read, 'upload-artifact', false),
    artifactName: read('artifact-name') || undefined,
    matrix: read('matrix'),
    dependencySnapshot,
    attachToRelease,
    platform,
    credentials: username ? { username, password } : undefined,
    token,
    apiUrl,
  };
}
