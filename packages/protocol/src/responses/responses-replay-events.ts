import type { IrFinishReason } from "../ir/finish-reason.js";
import type { IrStreamEvent } from "../ir/stream-event.js";
import { decodeResponsesUsage } from "./decode-responses-usage.js";
import type { ResponsesOutputItem, ResponsesResponse } from "./responses-wire-types.js";

function finishOf(response: ResponsesResponse): IrFinishReason {
  if (response.status !== "incomplete") return "stop";
  return response.incomplete_details?.reason === "content_filter" ? "content_filter" : "length";
}

/** One output item as the block events that write it again (block `index`). */
function itemEvents(item: ResponsesOutputItem, index: number): IrStreamEvent[] {
  switch (item.type) {
    case "message": {
      const text = item.content.map((c) => c.text).join("");
      return [
        { type: "block_start", index, block: { type: "text" } },
        ...(text === ""
          ? []
          : [{ type: "block_delta" as const, index, delta: { type: "text" as const, text } }]),
        { type: "block_end", index },
      ];
    }
    case "function_call":
      return [
        { type: "block_start", index, block: { type: "tool_call", id: item.call_id, name: item.name } },
        { type: "block_delta", index, delta: { type: "tool_arguments", json: item.arguments } },
        { type: "block_end", index },
      ];
    case "reasoning": {
      const text = item.summary.map((s) => s.text).join("\n\n");
      const end: IrStreamEvent = { type: "block_end", index };
      if (typeof item.encrypted_content === "string") end.signature = item.encrypted_content;
      return [
        { type: "block_start", index, block: { type: "reasoning" } },
        ...(text === ""
          ? []
          : [{ type: "block_delta" as const, index, delta: { type: "reasoning" as const, text } }]),
        end,
      ];
    }
    default:
      return [];
  }
}

/**
 * A finished `response` object (as the gateway wrote and stored it) → the IR events that, through the
 * Responses stream encoder (with the response as its settings' echo and id), write its event stream
 * again: what `GET /v1/responses/{id}?stream=true` replays. A failed response ends with an error event
 * (→ `response.failed`) carrying its stored error; items of types the encoder does not write are left out.
 * @see https://platform.openai.com/docs/api-reference/responses/get
 *
 * @example
 * for (const ev of responsesReplayEvents(stored)) res.write(encoder.push(ev));
 */
export function responsesReplayEvents(response: ResponsesResponse): IrStreamEvent[] {
  const events: IrStreamEvent[] = [
    { type: "start", id: response.id, model: response.model, created: response.created_at },
  ];
  for (const [i, item] of response.output.entries()) events.push(...itemEvents(item, i));
  if (response.usage !== null && response.usage !== undefined)
    events.push({ type: "usage", usage: decodeResponsesUsage(response.usage) });
  if (response.status === "failed") {
    const message = response.error?.message ?? "The response failed.";
    const code = response.error?.code === "rate_limit_exceeded" ? "rate_limited" : "upstream_error";
    events.push({ type: "error", code, message });
    return events;
  }
  events.push({ type: "finish", reason: finishOf(response) }, { type: "end" });
  return events;
}
