// buildah's global storage options: a private root and runroot with the vfs driver, which works
// without privileges or a daemon and keeps every caller out of the default image store.
import { join } from 'node:path';

export function buildahStorageArgs(storageDir: string): string[] {
  return [
    '--root',
    join(storageDir, 'root'),
    '--runroot',
    join(storageDir, 'runroot'),
    '--storage-driver',
    'vfs',
  ];
}
