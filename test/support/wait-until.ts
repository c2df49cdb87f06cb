// Polls a condition every 20 ms until it holds, for tests that wait on something with no event to await
// (a reconnect, a LISTEN again); the error names what never happened.
export async function waitUntil(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await ok()); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
