import { describe, expect, it } from "vitest";
import type { ToolCall } from "./playground-request";
import { createResponsesStreamParser } from "./responses-stream-parser";
import type { StreamUsage } from "./stream-chat";

function collect() {
  const seen = { text: "", calls: [] as ToolCall[], usage: undefined as StreamUsage | undefined };
  const handlers = {
    onText: (t: string) => {
      seen.text += t;
    },
    onToolCalls: (c: ToolCall[]) => {
      seen.calls = c;
    },
    onUsage: (u: StreamUsage) => {
      seen.usage = u;
    },
    onRequestId: () => {},
  };
  return { seen, parser: createResponsesStreamParser(handlers, (m) => new Error(m)) };
}

const ev = (e: Record<string, unknown>) => JSON.stringify(e);

describe("the playground's Responses stream parser", () => {
  it("assembles text and usage, and is done at response.completed", () => {
    const { seen, parser } = collect();
    parser.push(ev({ type: "response.created", sequence_number: 0, response: { usage: null } }));
    parser.push(ev({ type: "response.output_text.delta", delta: "Hel" }));
    parser.push(ev({ type: "response.output_text.delta", delta: "lo" }));
    parser.push(ev({ type: "response.output_text.done", text: "Hello" }));
    expect(parser.done).toBe(false);
    parser.push(
      ev({
        type: "response.completed",
        response: { usage: { input_tokens: 5, output_tokens: 2, total_tokens: 7 } },
      }),
    );
    expect(seen.text).toBe("Hello");
    expect(seen.usage).toEqual({ promptTokens: 5, completionTokens: 2, totalTokens: 7 });
    expect(parser.done).toBe(true);
  });

  it("builds function calls from their items and argument deltas", () => {
    const { seen, parser } = collect();
    parser.push(
      ev({
        type: "response.output_item.added",
        output_index: 1,
        item: { type: "function_call", call_id: "call_1", name: "lookup", arguments: "" },
      }),
    );
    parser.push(ev({ type: "response.function_call_arguments.delta", output_index: 1, delta: '{"q":' }));
    parser.push(ev({ type: "response.function_call_arguments.delta", output_index: 1, delta: '"x"}' }));
    expect(seen.calls).toEqual([{ id: "call_1", name: "lookup", arguments: '{"q":"x"}' }]);
    parser.push(
      ev({ type: "response.function_call_arguments.done", output_index: 1, arguments: '{"q":"x"}' }),
    );
    parser.push(ev({ type: "response.incomplete", response: { usage: null } }));
    expect(seen.calls).toHaveLength(1);
    expect(parser.done).toBe(true);
  });

  it("throws the message of response.failed and error events", () => {
    const failed = collect().parser;
    expect(() =>
      failed.push(ev({ type: "response.failed", response: { error: { message: "upstream cut" } } })),
    ).toThrow("upstream cut");
    expect(() => collect().parser.push(ev({ type: "error", message: "boom" }))).toThrow("boom");
  });

  it("ignores events it does not know", () => {
    const { seen, parser } = collect();
    parser.push(ev({ type: "response.reasoning_summary_text.delta", delta: "thinking" }));
    expect(seen.text).toBe("");
    expect(parser.done).toBe(false);
  });
});
