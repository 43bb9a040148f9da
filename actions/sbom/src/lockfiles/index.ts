// Which file name is read by which reader, and lockfile names known but not supported.
import { readNpmLock } from './npm.js';
import { readComposerLock, readCargoLock, readGemfileLock, readGoMod } from './others.js';
import { readPnpmLock } from './pnpm.js';
import { readPipfileLock, readPoetryLock, readRequirements, readUvLock } from './python.js';
import type { LockfileReader } from './types.js';
import { readYarnLock } from './yarn.js';

const EXACT: Record<string, LockfileReader> = {
  'package-lock.json': readNpmLock,
  'npm-shrinkwrap.json': readNpmLock,
  'yarn.lock': readYarnLock,
  'pnpm-lock.yaml': readPnpmLock,
  'poetry.lock': readPoetryLock,
  'uv.lock': readUvLock,
  'Pipfile.lock': readPipfileLock,
  'go.mod': readGoMod,
  'Cargo.lock': readCargoLock,
  'Gemfile.lock': readGemfileLock,
  'gems.locked': readGemfileLock,
  'composer.lock': readComposerLock,
};

/** Lockfiles of other package managers: listed in the summary as unsupported, never ignored silently. */
const UNSUPPORTED = new Set([
  'bun.lock',
  'bun.lockb',
  'deno.lock',
  'pdm.lock',
  'pixi.lock',
  'conda-lock.yml',
  'Podfile.lock',
  'Package.resolved',
  'pubspec.lock',
  'mix.lock',
  'rebar.lock',
  'gradle.lockfile',
  'packages.lock.json',
  'paket.lock',
  'conan.lock',
  'flake.lock',
  'Cartfile.resolved',
  'Gopkg.lock',
  'glide.lock',
  'shard.lock',
  'renv.lock',
  'stack.yaml.lock',
  'cabal.project.freeze',
  'Manifest.toml',
  'vcpkg-lock.json',
]);

export function readerFor(fileName: string): LockfileReader | undefined {
  if (EXACT[fileName]) return EXACT[fileName];
  if (/^requirements.*\.txt$|^.*-requirements\.txt$/i.test(fileName)) return readRequirements;
  return undefined;
}

export function isUnsupportedLockfile(fileName: string): boolean {
  return UNSUPPORTED.has(fileName);
}
