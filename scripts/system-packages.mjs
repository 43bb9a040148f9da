// Makes sure the Debian packages the tests and the demo drive for real are present:
// installs them with apt-get when running as root, else says exactly what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PACKAGES = [
  { name: 'buildah', file: '/usr/bin/buildah' },
  { name: 'docker-registry', file: '/usr/bin/docker-registry' },
  { name: 'busybox-static', file: '/bin/busybox' },
];

const missing = PACKAGES.filter((p) => !existsSync(p.file)).map((p) => p.name);
if (missing.length) {
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(
      `::error::Missing Debian packages: ${missing.join(', ')}. Install them with: sudo ${command}`,
    );
    process.exit(1);
  }
  console.log(`Installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const result = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env,
  });
  if (result.status !== 0) {
    console.error(`::error::apt-get could not install ${missing.join(' ')}`);
    process.exit(1);
  }
}
