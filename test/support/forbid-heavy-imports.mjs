// Loader hook for the lazy-adapter check: resolving any scale-out client package, or the face model
// and canvas behind photo avatars (loaded on the first photo only), or the OAuth provider (loaded on the
// first OAuth request: importing it prints a Node 22 notice), fails loudly.
const HEAVY = /^(pg|pg-pool|ioredis|bullmq|@aws-sdk\/.*|@napi-rs\/canvas|@vladmandic\/.*|@tensorflow\/.*|oidc-provider)$/;
export async function resolve(specifier, context, next) {
  if (HEAVY.test(specifier)) throw new Error(`embedded mode loaded ${specifier}`);
  return next(specifier, context);
}
