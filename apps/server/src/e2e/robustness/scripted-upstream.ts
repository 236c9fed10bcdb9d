import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type RecordedRequest, readRecordedRequest } from "@gatehouse/test-support";

/** What a scripted upstream answers one request with. */
export interface ScriptedAnswer {
  status?: number;
  /** Defaults to `content-type: application/json`. */
  headers?: Record<string, string>;
  /** The body, or its pieces written one by one (SSE events, to be seen as separate chunks). */
  body: string | string[];
}

/** A running scripted upstream. */
export interface ScriptedUpstream {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** Every request received, in arrival order. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * An upstream whose every answer the test writes, byte for byte: shapes no provider fake would produce
 * (an undocumented field type, a body that is not the provider's format), or a fixed valid answer
 * whatever the request was. Requests are recorded as the fakes record them.
 *
 * @example
 * const up = await startScriptedUpstream(() => ({ body: JSON.stringify({ candidates: 5 }) }));
 */
export async function startScriptedUpstream(
  answer: (req: RecordedRequest) => ScriptedAnswer,
): Promise<ScriptedUpstream> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const record = await readRecordedRequest(req);
      requests.push(record);
      const a = answer(record);
      res.writeHead(a.status ?? 200, a.headers ?? { "content-type": "application/json" });
      for (const piece of typeof a.body === "string" ? [a.body] : a.body) {
        res.write(piece);
        // A turn of the event loop between pieces, so the client reads them as separate chunks.
        await new Promise((r) => setImmediate(r));
      }
      res.end();
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
