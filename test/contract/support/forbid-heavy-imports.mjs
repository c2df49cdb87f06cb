// Loader hook for the lazy-adapter check: resolving any scale-out client package fails loudly.
const HEAVY = /^(pg|pg-pool|ioredis|bullmq|@aws-sdk\/.*)$/;
export async function resolve(specifier, context, next) {
  if (HEAVY.test(specifier)) throw new Error(`embedded mode loaded ${specifier}`);
  return next(specifier, context);
}
