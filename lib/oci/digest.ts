// Content digests (sha256/sha512) and their verification, for bytes and for streams.
import { createHash } from 'node:crypto';

export class DigestMismatchError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
    what: string,
  ) {
    super(`${what}: expected digest ${expected}, the content hashes to ${actual}`);
    this.name = 'DigestMismatchError';
  }
}

function algorithmOf(digest: string): 'sha256' | 'sha512' {
  return digest.startsWith('sha512:') ? 'sha512' : 'sha256';
}

export function digestOf(bytes: Uint8Array, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

export function verifyDigest(bytes: Uint8Array, expected: string, what: string): void {
  const actual = digestOf(bytes, algorithmOf(expected));
  if (actual !== expected) throw new DigestMismatchError(expected, actual, what);
}

/** Passes a stream through unchanged and errors at its end when the content does not hash to `expected`. */
export function verifyingStream(
  body: ReadableStream<Uint8Array>,
  expected: string,
  what: string,
): ReadableStream<Uint8Array> {
  const hash = createHash(algorithmOf(expected));
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        hash.update(chunk);
        controller.enqueue(chunk);
      },
      flush(controller) {
        const actual = `${algorithmOf(expected)}:${hash.digest('hex')}`;
        if (actual !== expected) controller.error(new DigestMismatchError(expected, actual, what));
      },
    }),
  );
}
