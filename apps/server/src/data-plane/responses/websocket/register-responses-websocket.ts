import type { IncomingMessage } from "node:http";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { encodeOpenAIError, GatewayError, toGatewayError } from "@gatehouse/protocol";
import type { FastifyInstance } from "fastify";
import { WebSocketServer } from "ws";
import type { GatewayRuntime } from "../../gateway-runtime.js";
import type { Operation } from "../../operation.js";
import { authenticate } from "../../pipeline/authenticate.js";
import { responsesSurface } from "../responses-surface.js";
import { ResponsesSocket } from "./responses-socket.js";
import type { SocketLimits } from "./socket-limits.js";

const PATH = "/v1/responses";

/**
 * The Responses API's WebSocket mode: a WebSocket upgrade of GET /v1/responses (Codex opens one first,
 * with `OpenAI-Beta: responses_websockets=…`). The key is checked before the handshake completes — a bad
 * one gets OpenAI's HTTP error (401, 403) and no socket — and each socket then serves `response.create`
 * messages (ResponsesSocket). A plain GET keeps its HTTP answer; an upgrade of any other path gets 404.
 * The server's shutdown closes every socket (1001) before the HTTP server closes.
 *
 * `ws` with `noServer` on the server's own `upgrade` event, rather than @fastify/websocket: the key must
 * be refused with an HTTP answer before the handshake, and the sockets must be closed on `preClose` —
 * both plain here, while the plugin completes the handshake before its route's handler runs.
 * @see https://platform.openai.com/docs/guides/websocket-mode
 */
export function registerResponsesWebSocket(
  app: FastifyInstance,
  rt: GatewayRuntime,
  op: Operation<unknown>,
  limits: SocketLimits,
): void {
  // A frame above the limit is still read (to answer it with an error event) up to twice the limit;
  // beyond that, ws closes the socket itself (1009) without buffering it.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes * 2,
    perMessageDeflate: false,
  });
  const open = new Set<ResponsesSocket>();
  let closing = false;
  app.server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    if (closing)
      return refuse(socket, new GatewayError("service_unavailable", "The server is shutting down."));
    if ((req.url ?? "").split("?")[0] !== PATH)
      return refuse(
        socket,
        new GatewayError("not_found", "WebSocket upgrades are served on /v1/responses only."),
      );
    const ip = req.socket.remoteAddress ?? "";
    authenticate(rt.keys, responsesSurface.credential(req.headers, {}), ip).then(
      (principal) => {
        if (closing || socket.destroyed) return socket.destroy();
        const owner = { tenantId: principal.tenantId, apiKeyId: principal.id };
        const client = { headers: req.headers, ip, owner };
        wss.handleUpgrade(req, socket, head, (ws) => {
          const session = new ResponsesSocket(ws, client, rt, op, limits);
          open.add(session);
          ws.on("close", () => open.delete(session));
        });
      },
      (err: unknown) => refuse(socket, toGatewayError(err)),
    );
  });
  app.addHook("preClose", async () => {
    closing = true;
    for (const session of open) session.shutdown();
    wss.close();
  });
}

/** An HTTP answer in OpenAI's error shape on a socket that asked for an upgrade, then no socket. */
function refuse(socket: Duplex, err: GatewayError): void {
  if (socket.destroyed) return;
  const { status, body, headers } = encodeOpenAIError(err);
  const json = JSON.stringify(body);
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}`,
    "Content-Type: application/json",
    `Content-Length: ${Buffer.byteLength(json)}`,
    "Connection: close",
    ...Object.entries(headers ?? {}).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.once("finish", () => socket.destroy());
  socket.end(`${lines.join("\r\n")}\r\n\r\n${json}`);
}
