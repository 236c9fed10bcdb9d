import type { ClientResponse } from "./client-response.js";

/**
 * Writes to the client and, when the socket's buffer is full, waits until it drains or the client goes
 * away — so a slow reader slows the upstream read instead of growing memory.
 */
export function writeWithBackpressure(res: ClientResponse, data: Buffer | string): Promise<void> | undefined {
  if (res.destroyed) return undefined;
  if (res.write(data)) return undefined;
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
