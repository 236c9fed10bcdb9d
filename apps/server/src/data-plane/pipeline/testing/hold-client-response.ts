import {
  Agent,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/** What the client received: status and headers (0 and {} when none came), the body, whether it ended. */
export interface ClientAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** True when the response ended normally; false when the connection closed first. */
  complete: boolean;
}

/** One request held open on a real node:http server: its server side for the step under test. */
export interface HeldResponse {
  req: IncomingMessage;
  res: ServerResponse;
  /** The client's view, once the response ends or the connection closes. */
  answer: Promise<ClientAnswer>;
  /** The client goes away: destroys its socket. */
  leave(): void;
  close(): Promise<void>;
}

/**
 * Starts a node:http server on 127.0.0.1, sends it one POST from a real client and hands the test the
 * server's `req`/`res` for that request — a real ServerResponse (headers, chunked writes, backpressure,
 * `close` when the client leaves) for the relays and error renderers, with what the client saw.
 *
 * @example
 * const held = await holdClientResponse();
 * relayJson(scope, now, exchange, held.res, ...); const { status, body } = await held.answer;
 */
export async function holdClientResponse(body = "{}"): Promise<HeldResponse> {
  let handOver!: (pair: { req: IncomingMessage; res: ServerResponse }) => void;
  const pair = new Promise<{ req: IncomingMessage; res: ServerResponse }>((r) => {
    handOver = r;
  });
  const server = createServer((req, res) => handOver({ req, res }));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  // A keep-alive client, as SDKs are: whether the server closes the connection is its own choice.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const client = request({ host: "127.0.0.1", port, method: "POST", path: "/v1/test", agent });
  const answer = new Promise<ClientAnswer>((resolve) => {
    let status = 0;
    let headers: IncomingHttpHeaders = {};
    let text = "";
    let done = false;
    const finish = (complete: boolean) => {
      if (done) return;
      done = true;
      resolve({ status, headers, body: text, complete });
    };
    client.on("response", (res) => {
      status = res.statusCode ?? 0;
      headers = res.headers;
      res.setEncoding("utf8");
      res.on("data", (d: string) => {
        text += d;
      });
      res.on("end", () => finish(true));
      res.on("aborted", () => finish(false));
      res.on("error", () => finish(false));
      res.on("close", () => finish(false));
    });
    client.on("error", () => finish(false));
    client.on("close", () => setImmediate(() => finish(false)));
  });
  client.end(body);
  const { req, res } = await pair;
  return {
    req,
    res,
    answer,
    leave: () => client.destroy(),
    close: () =>
      new Promise<void>((r) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
