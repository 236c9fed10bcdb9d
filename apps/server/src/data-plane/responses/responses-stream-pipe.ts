import {
  decodeResponsesUsage,
  type GatewayError,
  type IrUsage,
  SseParser,
  writeSse,
} from "@gatehouse/protocol";
import type { StreamError, StreamPipe } from "../pipeline/stream-pipe.js";
import { type StoringTurn, storedAnswerOf } from "./stored-answer-of.js";

interface EventWire {
  type?: unknown;
  sequence_number?: unknown;
  delta?: unknown;
  response?: { usage?: unknown; id?: unknown };
}

/** The events that end a response, carrying its final object. */
const FINAL = new Set(["response.completed", "response.incomplete", "response.failed"]);

/** Events whose `delta` is text the client receives (counted for an estimate if the stream is cut). */
const DELTAS = new Set([
  "response.output_text.delta",
  "response.function_call_arguments.delta",
  "response.reasoning_summary_text.delta",
  "response.refusal.delta",
]);

/**
 * The stream pipe of a Responses-to-Responses passthrough (an OpenAI provider configured with
 * `responsesApi`): the upstream's bytes as they come, metered from its events — usage from
 * `response.completed` / `response.incomplete` (or `response.failed`), delivered characters from the
 * deltas. `response.failed` and `error` events end the relay as the upstream's own error (the client has
 * it); a body that ends without a final event gets an `error` event numbered after the last one seen.
 * When the gateway stores the answer (`turn`), the events that carry the `response` object are written
 * again with the gateway's id (the rest as they came), and the final one is stored.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
export class ResponsesStreamPipe implements StreamPipe {
  private readonly parser = new SseParser();
  private lastSequence = -1;
  private failed = false;
  private cut: StreamError | undefined;
  usage: IrUsage | undefined;
  deliveredChars = 0;
  completed = false;

  /**
   * @param provider the configured provider's name, which errors about its stream name
   * @param turn set when the answer is stored: its id replaces the upstream's
   */
  constructor(
    private readonly provider: string,
    private readonly turn?: StoringTurn,
  ) {}

  get error(): StreamError | undefined {
    if (this.cut) return this.cut;
    return this.failed
      ? {
          code: "upstream_error",
          message: `Upstream provider '${this.provider}' reported the response failed.`,
        }
      : undefined;
  }

  push(chunk: Buffer): Buffer | string {
    const events = this.parser.push(chunk);
    const parsed = events.map((ev) => this.inspect(ev.data));
    return this.turn === undefined ? chunk : this.rewritten(events, parsed);
  }

  /** The events again, each parsed once (by inspect): `response` objects under the gateway's id. */
  private rewritten(events: { event?: string; data: string }[], parsed: (EventWire | undefined)[]): string {
    return events.map((ev, i) => this.rewrite(ev.event, ev.data, parsed[i])).join("");
  }

  /** One event again, its `response` object under the gateway's id; the final one stored. */
  private rewrite(event: string | undefined, data: string, ev: EventWire | undefined): string {
    if (ev === undefined || typeof ev.response !== "object" || ev.response === null)
      return writeSse({ ...(event !== undefined && { event }), data });
    const turn = this.turn!;
    const response = storedAnswerOf(turn, ev.response);
    if (typeof ev.type === "string" && FINAL.has(ev.type) && response !== undefined) turn.onFinal(response);
    const next = JSON.stringify({ ...ev, response: response ?? ev.response });
    return writeSse({ ...(event !== undefined && { event }), data: next });
  }

  /** A failure the relay meets itself, as the `error` event that follows the last one seen. */
  errorEvent(err: GatewayError): string {
    return this.nextErrorEvent(err.code, err.message);
  }

  end(): string {
    const events = this.parser.end();
    const parsed = events.map((ev) => this.inspect(ev.data));
    const tail = this.turn === undefined ? "" : this.rewritten(events, parsed);
    return tail + this.endTail();
  }

  private endTail(): string {
    if (this.completed || this.failed) return "";
    this.cut = {
      code: "stream_interrupted",
      message: `Upstream provider '${this.provider}' ended the stream before it was complete.`,
    };
    return this.nextErrorEvent(this.cut.code, this.cut.message);
  }

  /** @see https://platform.openai.com/docs/api-reference/responses-streaming/error */
  private nextErrorEvent(code: string, message: string): string {
    const data = { type: "error", code, message, param: null, sequence_number: ++this.lastSequence };
    return writeSse({ event: "error", data: JSON.stringify(data) });
  }

  /** Reads what the relay needs of one event; answers it parsed (undefined: not JSON). */
  private inspect(data: string): EventWire | undefined {
    let ev: EventWire;
    try {
      ev = JSON.parse(data) as EventWire;
    } catch {
      return undefined;
    }
    if (typeof ev.sequence_number === "number") this.lastSequence = ev.sequence_number;
    if (typeof ev.type !== "string") return ev;
    if (DELTAS.has(ev.type) && typeof ev.delta === "string") this.deliveredChars += ev.delta.length;
    else if (ev.type === "response.completed" || ev.type === "response.incomplete") {
      this.completed = true;
      this.readUsage(ev);
    } else if (ev.type === "response.failed" || ev.type === "error") {
      this.failed = true;
      this.readUsage(ev);
    }
    return ev;
  }

  private readUsage(ev: EventWire): void {
    const usage = ev.response?.usage;
    if (usage === undefined || usage === null) return;
    try {
      this.usage = decodeResponsesUsage(usage);
    } catch {
      // A malformed usage object leaves the estimate to the meter, as a missing one does.
    }
  }
}
