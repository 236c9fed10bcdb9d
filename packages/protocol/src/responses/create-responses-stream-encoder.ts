import type { StreamEncoder } from "../codec.js";
import type { ErrorCode } from "../errors/error-codes.js";
import type { IrFinishReason } from "../ir/finish-reason.js";
import type { IrBlockDelta, IrBlockStart, IrStreamEvent } from "../ir/stream-event.js";
import { emptyUsage, type IrUsage } from "../ir/usage.js";
import { writeSse } from "../sse/write-sse.js";
import { encodeResponsesUsage } from "./encode-responses-usage.js";
import { type ResponsesSettings, responsesIdsOf } from "./responses-settings.js";
import { responsesStatusOf } from "./responses-status-of.js";
import type { ResponsesOutputItem, ResponsesResponse, ResponsesStatus } from "./responses-wire-types.js";

/** Options of {@link createResponsesStreamEncoder}. */
export interface ResponsesStreamEncoderOptions {
  /** The public model name the client asked for. */
  model: string;
  settings: ResponsesSettings;
  /**
   * Told the final `response` object once, when the stream ends (`completed`, `incomplete` or `failed`):
   * what the gateway stores for a later `previous_response_id`.
   */
  onFinal?: (response: ResponsesResponse) => void;
}

/** An open IR block: the output item it writes and the text (or arguments) gathered so far. */
interface OpenBlock {
  outputIndex: number;
  item: ResponsesOutputItem;
  text: string;
  /** A reasoning block's summary part has been announced (only once it has text). */
  summaryOpen: boolean;
}

/** The Responses API's `error.code` for a failed response: its enum names rate limits and server errors. */
function failedCode(code: ErrorCode): string {
  return code === "rate_limited" || code === "upstream_rate_limited" ? "rate_limit_exceeded" : "server_error";
}

/**
 * Writes IR events as the Responses API's typed SSE stream.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
class ResponsesStreamEncoder implements StreamEncoder {
  private seq = 0;
  private base: string;
  private id: string;
  private created = 0;
  private started = false;
  private closed = false;
  private usage: IrUsage = emptyUsage();
  private finish: IrFinishReason = "stop";
  private readonly output: ResponsesOutputItem[] = [];
  private readonly open = new Map<number, OpenBlock>();

  constructor(private readonly options: ResponsesStreamEncoderOptions) {
    ({ id: this.id, base: this.base } = responsesIdsOf(options.settings, "gatehouse"));
  }

  push(event: IrStreamEvent): string {
    if (this.closed) return "";
    if (event.type === "start") {
      if (this.options.settings.id === undefined)
        ({ id: this.id, base: this.base } = responsesIdsOf(this.options.settings, event.id));
      this.created = event.created;
      return this.begin();
    }
    const head = this.begin();
    switch (event.type) {
      case "block_start":
        return head + this.blockStart(event.index, event.block);
      case "block_delta":
        return head + this.blockDelta(event.index, event.delta);
      case "block_end":
        return head + this.blockEnd(event.index, event.signature);
      case "usage":
        this.usage = event.usage;
        return head;
      case "finish":
        this.finish = event.reason;
        return head;
      case "end": {
        this.closed = true;
        const response = this.snapshot(responsesStatusOf(this.finish).status);
        const type = response.status === "incomplete" ? "response.incomplete" : "response.completed";
        this.options.onFinal?.(response);
        return head + this.emit(type, { response });
      }
      case "error": {
        this.closed = true;
        const response = this.snapshot("failed");
        response.error = { code: failedCode(event.code), message: event.message };
        this.options.onFinal?.(response);
        return head + this.emit("response.failed", { response });
      }
    }
  }

  private begin(): string {
    if (this.started) return "";
    this.started = true;
    const response = this.snapshot("in_progress");
    return this.emit("response.created", { response }) + this.emit("response.in_progress", { response });
  }

  private blockStart(index: number, block: IrBlockStart): string {
    const outputIndex = this.output.length;
    const item = this.itemFor(block, outputIndex);
    this.output.push(item);
    this.open.set(index, { outputIndex, item, text: "", summaryOpen: false });
    const added = this.emit("response.output_item.added", { output_index: outputIndex, item });
    if (block.type !== "text") return added;
    return (
      added +
      this.emit("response.content_part.added", {
        item_id: item.id,
        output_index: outputIndex,
        content_index: 0,
        part: { type: "output_text", text: "", annotations: [], logprobs: [] },
      })
    );
  }

  private itemFor(block: IrBlockStart, i: number): ResponsesOutputItem {
    switch (block.type) {
      case "text":
        return {
          type: "message",
          id: `msg_${this.base}_${i}`,
          status: "in_progress",
          role: "assistant",
          content: [],
        };
      case "tool_call":
        return {
          type: "function_call",
          id: `fc_${this.base}_${i}`,
          call_id: block.id,
          name: block.name,
          arguments: "",
          status: "in_progress",
        };
      case "reasoning":
      case "redacted_reasoning": {
        const item: ResponsesOutputItem = { type: "reasoning", id: `rs_${this.base}_${i}`, summary: [] };
        if (this.options.settings.encryptedReasoning)
          item.encrypted_content = block.type === "redacted_reasoning" ? block.data : null;
        return item;
      }
    }
  }

  private blockDelta(index: number, delta: IrBlockDelta): string {
    const b = this.open.get(index);
    if (b === undefined) return "";
    const at = { item_id: b.item.id, output_index: b.outputIndex };
    switch (delta.type) {
      case "text":
        b.text += delta.text;
        return this.emit("response.output_text.delta", {
          ...at,
          content_index: 0,
          delta: delta.text,
          logprobs: [],
        });
      case "tool_arguments":
        b.text += delta.json;
        return this.emit("response.function_call_arguments.delta", { ...at, delta: delta.json });
      case "reasoning": {
        b.text += delta.text;
        const part = b.summaryOpen
          ? ""
          : this.emit("response.reasoning_summary_part.added", {
              ...at,
              summary_index: 0,
              part: { type: "summary_text", text: "" },
            });
        b.summaryOpen = true;
        return (
          part +
          this.emit("response.reasoning_summary_text.delta", { ...at, summary_index: 0, delta: delta.text })
        );
      }
      case "signature":
        if (b.item.type === "reasoning" && this.options.settings.encryptedReasoning)
          b.item.encrypted_content = (b.item.encrypted_content ?? "") + delta.signature;
        return "";
    }
  }

  private blockEnd(index: number, signature: string | undefined): string {
    const b = this.open.get(index);
    if (b === undefined) return "";
    this.open.delete(index);
    const { item } = b;
    const at = { item_id: item.id, output_index: b.outputIndex };
    let out = "";
    if (item.type === "message") {
      const part = { type: "output_text" as const, text: b.text, annotations: [], logprobs: [] };
      out += this.emit("response.output_text.done", { ...at, content_index: 0, text: b.text, logprobs: [] });
      out += this.emit("response.content_part.done", { ...at, content_index: 0, part });
      item.content = [part];
      item.status = "completed";
    } else if (item.type === "function_call") {
      item.arguments = b.text;
      item.status = "completed";
      out += this.emit("response.function_call_arguments.done", {
        ...at,
        name: item.name,
        arguments: b.text,
      });
    } else {
      if (signature !== undefined && this.options.settings.encryptedReasoning)
        item.encrypted_content = signature;
      if (b.summaryOpen) {
        const part = { type: "summary_text" as const, text: b.text };
        out += this.emit("response.reasoning_summary_text.done", { ...at, summary_index: 0, text: b.text });
        out += this.emit("response.reasoning_summary_part.done", { ...at, summary_index: 0, part });
        item.summary = [part];
      }
    }
    return out + this.emit("response.output_item.done", { output_index: b.outputIndex, item });
  }

  private snapshot(status: ResponsesStatus): ResponsesResponse {
    const done = status !== "in_progress";
    return {
      ...this.options.settings.echo,
      id: this.id,
      object: "response",
      created_at: this.created,
      status,
      error: null,
      incomplete_details: status === "incomplete" ? responsesStatusOf(this.finish).incomplete_details : null,
      model: this.options.model,
      // A copy: later events must not change what an earlier event said.
      output: done ? structuredClone(this.output) : [],
      usage: done ? encodeResponsesUsage(this.usage) : null,
    };
  }

  /** One typed event; `sequence_number` counts every event of the stream from 0. */
  private emit(type: string, fields: Record<string, unknown>): string {
    const data = JSON.stringify({ type, sequence_number: this.seq++, ...fields });
    return writeSse({ event: type, data });
  }
}

/**
 * IR events → the Responses API's SSE stream: `response.created` and `response.in_progress`, then per
 * block `response.output_item.added`, its content events (`output_text`, `function_call_arguments`,
 * `reasoning_summary_*` deltas and dones) and `response.output_item.done`, and finally
 * `response.completed`, `response.incomplete` (output cap, content filter) or, after an IR error,
 * `response.failed` — never a success after a failure. Each event carries `sequence_number`, 0, 1, 2, ...
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 *
 * @example
 * const encoder = createResponsesStreamEncoder({ model: "my-model", settings });
 * for (const ev of events) res.write(encoder.push(ev));
 */
export function createResponsesStreamEncoder(options: ResponsesStreamEncoderOptions): StreamEncoder {
  return new ResponsesStreamEncoder(options);
}
