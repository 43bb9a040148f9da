// The shared OCI distribution client: references, auth, manifests, blobs, copies.
export * from './reference.js';
export * from './media-types.js';
export * from './digest.js';
export * from './auth.js';
export * from './client.js';
export * from './copy.js';
export * from './layout.js';
export * from './inspect.js';
