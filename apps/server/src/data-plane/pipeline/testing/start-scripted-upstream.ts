import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A node:http upstream whose every answer the test scripts. */
export interface ScriptedUpstream {
  /** `http://127.0.0.1:PORT/v1`. */
  url: string;
  /** Requests received (their bodies read whole before the script ran). */
  received: Array<{ headers: IncomingMessage["headers"]; body: string }>;
  /** Ends every open response and stops listening. */
  close(): Promise<void>;
}

/**
 * Starts an upstream on 127.0.0.1 that reads each request body, then hands the response to `script`:
 * for answers the provider fakes have no mode for (an endless error body, a 429 without Retry-After).
 */
export async function startScriptedUpstream(
  script: (res: ServerResponse, req: IncomingMessage, body: string) => void,
): Promise<ScriptedUpstream> {
  const received: ScriptedUpstream["received"] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (d: string) => {
      body += d;
    });
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      script(res, req, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    received,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
