// App Platform stores `type: SECRET` env values encrypted and returns them as `EV[1:...]`;
// a spec sent back with those values keeps the secret. The emulator does the same with a
// per-instance AES-256-GCM key, and decrypts only for the processes it starts.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { AppSpec, EnvVar } from './model.js';

const SEALED = /^EV\[1:([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)\]$/;

export class SecretBox {
  private readonly key = randomBytes(32);

  seal(value: string): string {
    if (SEALED.test(value)) {
      this.open(value); // throws when it was not sealed by this instance
      return value;
    }
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `EV[1:${iv.toString('base64')}:${data.toString('base64')}]`;
  }

  open(value: string): string {
    const m = SEALED.exec(value);
    if (!m) return value;
    const data = Buffer.from(m[2], 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(m[1], 'base64'));
    try {
      decipher.setAuthTag(data.subarray(data.length - 16));
      const plain = Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]);
      return plain.toString('utf8');
    } catch {
      throw new Error('an encrypted secret value (EV[...]) could not be decrypted');
    }
  }

  /** A copy of the spec with every SECRET value sealed. */
  sealSpec(spec: AppSpec): AppSpec {
    return mapEnvs(spec, (v) => (v.type === 'SECRET' && v.value ? { ...v, value: this.seal(v.value) } : v));
  }

  /** A copy of the spec with every sealed value opened (to compare specs, or to run them). */
  openSpec(spec: AppSpec): AppSpec {
    return mapEnvs(spec, (v) => (v.value ? { ...v, value: this.open(v.value) } : v));
  }
}

function mapEnvs(spec: AppSpec, map: (v: EnvVar) => EnvVar): AppSpec {
  const copy = structuredClone(spec);
  if (copy.envs) copy.envs = copy.envs.map(map);
  for (const key of ['services', 'workers', 'jobs', 'static_sites'] as const) {
    for (const c of copy[key] ?? []) if (c.envs) c.envs = c.envs.map(map);
  }
  return copy;
}
