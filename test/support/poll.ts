/**
 * Asks `check` again and again until it answers something other than undefined, and answers that;
 * fails with `what` once `timeoutMs` passes. The one way the tests wait for something to happen.
 */
export async function poll<T>(
  check: () => Promise<T | undefined>,
  what: string,
  { timeoutMs = 8_000, intervalMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await check();
    if (answer !== undefined) return answer;
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
