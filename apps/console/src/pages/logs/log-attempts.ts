/** One upstream attempt of a request as the console draws it (the server's attempt chain, narrowed). */
export interface LogAttempt {
  model: string | undefined;
  provider: string;
  deployment: string | undefined;
  status: number | null;
  error: string | undefined;
  panic: boolean;
  /** When it was sent, ms after the request arrived; estimated for records written before it was kept. */
  atMs: number;
  /** Until the upstream's headers (or its failure). */
  ms: number;
}

/**
 * The attempt chain of a usage record (`attempts` is free-form JSON in the API): unknown entries are
 * skipped, and records from before attempts carried `atMs` get it estimated as the previous attempts'
 * durations back to back (`estimated: true`).
 */
export function readAttempts(raw: readonly unknown[]): { attempts: LogAttempt[]; estimated: boolean } {
  let estimated = false;
  let cursor = 0;
  const attempts: LogAttempt[] = [];
  for (const item of raw) {
    if (typeof item !== "object" || item === null) continue;
    const a = item as Record<string, unknown>;
    const ms = typeof a.ms === "number" ? a.ms : 0;
    const atMs = typeof a.atMs === "number" ? a.atMs : cursor;
    if (typeof a.atMs !== "number") estimated = true;
    cursor = atMs + ms;
    attempts.push({
      model: typeof a.model === "string" ? a.model : undefined,
      provider: typeof a.provider === "string" ? a.provider : "?",
      deployment: typeof a.deployment === "string" ? a.deployment : undefined,
      status: typeof a.status === "number" ? a.status : null,
      error: typeof a.error === "string" ? a.error : undefined,
      panic: a.panic === true,
      atMs,
      ms,
    });
  }
  return { attempts, estimated };
}
