import type { FakeContext } from "./fake-context.js";
import { sleepUnlessAborted } from "./sleep-unless-aborted.js";

/** A streaming answer: its headers, its events already serialized, and the in-stream error event. */
export interface StreamSpec {
  headers: Record<string, string>;
  /** Serialized events (SSE text, NDJSON lines or binary frames), written one `res.write` each. */
  events: Array<string | Uint8Array>;
  /** The provider's in-stream error event, written in mode "stream-error". */
  errorEvent: string | Uint8Array;
}

/**
 * Streams events one write per event, each written (flushed to the socket) before the next, waiting
 * `delayMs` before each. Mid-stream modes stop after `faultAfter` events: "reset-mid-stream" resets the
 * connection, "cut-stream" ends the response cleanly, "stall-mid-stream" leaves it open, "stream-error"
 * writes the error event then ends. Stops quietly when the client goes away.
 *
 * @example
 * await sendStream(ctx, { headers: { "content-type": "text/event-stream" }, events, errorEvent });
 */
export async function sendStream(ctx: FakeContext, spec: StreamSpec): Promise<void> {
  const { mode, delayMs, faultAfter } = ctx.control;
  const faulty = mode === "reset-mid-stream" || mode === "cut-stream" || mode === "stall-mid-stream";
  const midStreamFault = faulty || mode === "stream-error";
  const count = midStreamFault ? Math.min(faultAfter, spec.events.length) : spec.events.length;
  ctx.res.writeHead(200, spec.headers);
  ctx.res.flushHeaders();
  for (let i = 0; i < count; i++) {
    if (!(await sleepUnlessAborted(delayMs, ctx.signal))) return;
    await writeFlushed(ctx, spec.events[i]!);
  }
  if (ctx.signal.aborted) return;
  if (mode === "reset-mid-stream") {
    ctx.res.socket?.resetAndDestroy();
    return;
  }
  if (mode === "stall-mid-stream") return;
  if (mode === "stream-error") await writeFlushed(ctx, spec.errorEvent);
  ctx.res.end();
}

/** Writes one event and resolves once it is handed to the socket, so a later reset cannot swallow it. */
function writeFlushed(ctx: FakeContext, event: string | Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    if (ctx.signal.aborted) return resolve();
    // A write whose socket dies may never call back: the abort (response closed) settles it then.
    const onAbort = () => resolve();
    ctx.signal.addEventListener("abort", onAbort, { once: true });
    ctx.res.write(event, () => {
      ctx.signal.removeEventListener("abort", onAbort);
      resolve();
    });
  });
}
