// Strict fakes for unit tests of services: a port object whose every member the test did not plan for
// throws when read, so a service that calls something unexpected fails loudly instead of getting
// undefined. `then` reads as undefined, so a fake can be awaited or returned from an async function.
export function strictFake<T extends object>(name: string, impl: Partial<T>): T {
  return new Proxy(impl as T, {
    get(target, prop) {
      if (prop in target) return (target as Record<string | symbol, unknown>)[prop];
      if (prop === 'then') return undefined;
      throw new Error(`unexpected call ${name}.${String(prop)}`);
    },
  });
}
