import type { IncomingHttpHeaders } from "node:http";
import { continueInput, GatewayError, inputItemsOf } from "@gatehouse/protocol";
import type WebSocket from "ws";
import type { StoredResponseOwner } from "../../../domain/stored-response.js";
import type { GatewayRuntime } from "../../gateway-runtime.js";
import type { Operation } from "../../operation.js";
import { runOperation } from "../../pipeline/run-operation.js";
import { answerWarmUp } from "./answer-warm-up.js";
import { parseSocketMessage, type ResponseCreate } from "./parse-socket-message.js";
import { gatewayErrorEvent, socketOnlyErrorEvent } from "./socket-error-event.js";
import type { SocketLimits } from "./socket-limits.js";
import { SocketResponse } from "./socket-response.js";

/** What a turn continues from: the last finished response on this socket, its whole input and output. */
interface Turn {
  id: string;
  input: unknown[];
  output: unknown[];
}

/** The client as its upgrade request showed it: its headers (the key among them), address and key. */
export interface SocketClient {
  headers: IncomingHttpHeaders;
  ip: string;
  /** The tenant and key the upgrade authenticated: whose stored responses a turn may continue. */
  owner: StoredResponseOwner;
}

/**
 * One client's WebSocket on /v1/responses. Each `response.create` runs the same pipeline as
 * POST /v1/responses with `stream: true` (key, model, limits, budgets, routing, metering, request log) and
 * its events go out as messages; one response runs at a time. `previous_response_id` naming the last
 * finished response of this socket continues it (its input and output, then the new input), kept in
 * memory here — so it works with `store: false`; any other id is looked up among the key's stored
 * responses (a socket reopened after a drop continues where it was). Idle sockets, an
 * unanswered ping, the connection's age and the message size are bounded (SocketLimits).
 */
export class ResponsesSocket {
  private busy = false;
  private last: Turn | undefined;
  private alive = true;
  private aged = false;
  private closing = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly pingTimer: NodeJS.Timeout;
  private readonly ageTimer: NodeJS.Timeout;

  constructor(
    private readonly ws: WebSocket,
    private readonly client: SocketClient,
    private readonly rt: GatewayRuntime,
    private readonly op: Operation<unknown>,
    private readonly limits: SocketLimits,
  ) {
    ws.on("message", (data, isBinary) => this.onMessage(data as Buffer, isBinary));
    ws.on("pong", () => {
      this.alive = true;
    });
    ws.on("error", (err) => rt.logger.debug({ err }, "responses websocket error"));
    ws.on("close", () => this.stopTimers());
    this.pingTimer = setInterval(() => this.ping(), limits.pingMs);
    this.ageTimer = setTimeout(() => this.onAged(), limits.maxConnectionMs);
    this.armIdle();
  }

  /**
   * The server shuts down: an idle socket closes now (1001); one with a response in flight closes once
   * it ends, or is cut (and metered so) after the shutdown grace, as HTTP streams are.
   */
  shutdown(): void {
    this.closing = true;
    if (!this.busy) {
      this.ws.close(1001, "server shutting down");
      return;
    }
    setTimeout(() => this.ws.terminate(), this.limits.shutdownGraceMs).unref();
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    this.alive = true;
    if (data.length > this.limits.maxMessageBytes) {
      const err = new GatewayError(
        "payload_too_large",
        `The message is ${data.length} bytes; the limit is ${this.limits.maxMessageBytes}.`,
      );
      this.send(gatewayErrorEvent(err));
      this.ws.close(1009, "message too big");
      return;
    }
    if (this.busy) {
      const message = "A response is already in progress on this socket: wait for it to finish.";
      this.send(socketOnlyErrorEvent(400, "response_in_progress", message));
      return;
    }
    this.armIdle();
    let create: ResponseCreate;
    try {
      create = parseSocketMessage(data, isBinary);
    } catch (err) {
      this.send(gatewayErrorEvent(err as GatewayError));
      return;
    }
    this.busy = true;
    this.disarmIdle();
    void this.runTurn(create)
      .catch((err: unknown) => {
        this.rt.logger.error({ err }, "unexpected error in a responses websocket turn");
        this.send(gatewayErrorEvent(new GatewayError("internal_error")));
      })
      .finally(() => {
        this.busy = false;
        if (this.closing) this.ws.close(1001, "server shutting down");
        else if (this.aged) this.onAged();
        else this.armIdle();
      });
  }

  private async runTurn(create: ResponseCreate): Promise<void> {
    const { previousResponseId: previous } = create;
    const earlier = await this.earlier(previous);
    if (earlier === undefined) {
      const message = `Previous response with id '${previous!.slice(0, 128)}' not found.`;
      this.send(socketOnlyErrorEvent(400, "previous_response_not_found", message, "previous_response_id"));
      return;
    }
    let input: unknown;
    try {
      // A first turn goes as the client wrote it; a continued one carries the whole conversation.
      input = previous === undefined ? create.body.input : continueInput(earlier, create.body.input);
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err;
      this.send(gatewayErrorEvent(err));
      return;
    }
    const json = { ...create.body, input, stream: true };
    const body = Buffer.from(JSON.stringify(json));
    if (body.length > this.rt.bodyLimit) {
      const what = previous === undefined ? "The request" : `The conversation, continued from '${previous}',`;
      const err = new GatewayError(
        "payload_too_large",
        `${what} is ${body.length} bytes; the limit is ${this.rt.bodyLimit}.`,
        previous === undefined ? {} : { param: "previous_response_id" },
      );
      this.send(gatewayErrorEvent(err));
      return;
    }
    const res = new SocketResponse(this.ws, this.limits.highWaterMark, (response) => {
      if (typeof response.id !== "string") return;
      const output = Array.isArray(response.output) ? response.output : [];
      // Answered, so the input was valid: as items, it is what the next turn continues.
      const items = previous === undefined ? inputItemsOf(input) : (input as unknown[]);
      this.last = { id: response.id, input: items, output };
    });
    if (!create.generate) {
      try {
        await answerWarmUp(this.rt, this.client, json, res);
      } catch (err) {
        if (!(err instanceof GatewayError)) throw err;
        this.send(gatewayErrorEvent(err));
      }
      return;
    }
    const head = {
      id: this.rt.newId(),
      surface: this.op.surface.name,
      operation: this.op.name,
      method: "GET",
      url: "/v1/responses",
      startedAt: this.rt.now(),
    };
    const request = { ...this.client, query: {}, params: {}, readBody: async () => body };
    await runOperation(this.rt, this.op, head, request, res);
  }

  /**
   * What a turn continues: nothing, this socket's last response (held here, `store: false` included), or
   * one of the key's stored responses (loaded once: the turn then carries the whole conversation).
   */
  private async earlier(previous: string | undefined): Promise<Omit<Turn, "id"> | undefined> {
    if (previous === undefined) return { input: [], output: [] };
    if (previous === this.last?.id) return this.last;
    const stored = await this.rt.responses?.load(this.client.owner, previous);
    return stored && { input: stored.input, output: stored.response.output };
  }

  /**
   * Sends an event of the socket's own (an error). A client that keeps sending without reading its
   * answers would grow the unsent buffer without bound: past the message limit unsent, it is dropped.
   */
  private send(message: string): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.limits.maxMessageBytes) {
      this.ws.terminate();
      return;
    }
    this.ws.send(message);
  }

  private ping(): void {
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  private onAged(): void {
    this.aged = true;
    if (this.busy) return;
    const minutes = Math.round(this.limits.maxConnectionMs / 60_000);
    const message = `The connection reached its ${minutes}-minute limit: open a new one.`;
    this.send(socketOnlyErrorEvent(400, "websocket_connection_limit_reached", message));
    this.ws.close(1000, "connection limit reached");
  }

  private armIdle(): void {
    this.disarmIdle();
    this.idleTimer = setTimeout(() => {
      const seconds = Math.round(this.limits.idleMs / 1000);
      const message = `No message for ${seconds} s: the connection is closed (send response.create to use it).`;
      this.send(socketOnlyErrorEvent(408, "websocket_idle_timeout", message));
      this.ws.close(1000, "idle timeout");
    }, this.limits.idleMs);
  }

  private disarmIdle(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private stopTimers(): void {
    this.disarmIdle();
    clearInterval(this.pingTimer);
    clearTimeout(this.ageTimer);
  }
}
