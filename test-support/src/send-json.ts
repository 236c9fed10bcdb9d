import type { FakeContext } from "./fake-context.js";
import { sleepUnlessAborted } from "./sleep-unless-aborted.js";

/**
 * Answers a non-streaming request with a JSON body, applying the body-level faults: the delay
 * (`chunkDelayMs`, or `slowDelayMs` in mode "slow") before answering; in "reset-mid-stream",
 * "cut-stream" and "stall-mid-stream" half the body is sent, then the connection is reset, the response
 * ended, or left open; in "stream-error" the provider's 500 error is sent instead.
 *
 * @example
 * await sendJson(ctx, 200, { object: "list", data: [] });
 */
export async function sendJson(
  ctx: FakeContext,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<void> {
  const { mode, delayMs } = ctx.control;
  if (!(await sleepUnlessAborted(delayMs, ctx.signal))) return;
  if (mode === "stream-error") return ctx.fail(500);
  const text = JSON.stringify(body);
  const contentType = { "content-type": "application/json", ...headers };
  if (mode === "reset-mid-stream" || mode === "cut-stream" || mode === "stall-mid-stream") {
    ctx.res.writeHead(status, contentType);
    await new Promise<void>((resolve) =>
      ctx.res.write(text.slice(0, Math.floor(text.length / 2)), () => resolve()),
    );
    if (mode === "reset-mid-stream") ctx.res.socket?.resetAndDestroy();
    else if (mode === "cut-stream") ctx.res.end();
    return;
  }
  ctx.res.writeHead(status, { ...contentType, "content-length": String(Buffer.byteLength(text)) });
  ctx.res.end(text);
}
