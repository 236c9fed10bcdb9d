import { setTimeout as delay } from "node:timers/promises";

/**
 * Waits `ms` (no wait when 0); resolves false when `signal` aborts first, true otherwise.
 *
 * @example
 * if (!(await sleepUnlessAborted(50, signal))) return; // the client went away
 */
export async function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  if (ms <= 0) return true;
  try {
    await delay(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
