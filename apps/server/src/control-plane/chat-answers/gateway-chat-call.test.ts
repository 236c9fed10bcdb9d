import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ChatStreamPiece, chatStreamPieces } from "./gateway-chat-call.js";

/** An OpenAI Chat Completions stream as the data plane relays it (https://platform.openai.com/docs/api-reference/chat-streaming). */
const STREAM = [
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Lisbon "}}]}',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"in May — ☀️"}}]}',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":4,"total_tokens":13}}',
  "data: [DONE]",
]
  .map((line) => `${line}\n\n`)
  .join("");

const EXPECTED: ChatStreamPiece[] = [
  { kind: "text", text: "Lisbon " },
  { kind: "text", text: "in May — ☀️" },
  { kind: "usage", inputTokens: 9, outputTokens: 4 },
  { kind: "done" },
];

async function piecesOf(chunks: Uint8Array[]): Promise<ChatStreamPiece[]> {
  const out: ChatStreamPiece[] = [];
  async function* body() {
    yield* chunks;
  }
  for await (const p of chatStreamPieces(body())) out.push(p);
  return out;
}

describe("chatStreamPieces", () => {
  it("reads text deltas, the usage chunk and [DONE]", async () => {
    expect(await piecesOf([Buffer.from(STREAM)])).toEqual(EXPECTED);
  });

  it("gives the same pieces however the bytes are split (inside characters too)", async () => {
    const bytes = Buffer.from(STREAM);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 20 }),
        async (cuts) => {
          const at = [0, ...cuts.sort((a, b) => a - b), bytes.length];
          const chunks = at.slice(1).map((end, i) => bytes.subarray(at[i], end));
          expect(await piecesOf(chunks)).toEqual(EXPECTED);
        },
      ),
    );
  });

  it("reports an in-stream error, and skips what is not a chunk", async () => {
    const text =
      "data: not json\n\n" +
      "data: 42\n\n" +
      'data: {"choices":[{"delta":{"content":"Hi"}}],"usage":{"prompt_tokens":-1,"completion_tokens":"x"}}\n\n' +
      'data: {"error":{"message":"upstream broke","type":"server_error"}}\n\n';
    expect(await piecesOf([Buffer.from(text)])).toEqual([
      { kind: "text", text: "Hi" },
      { kind: "usage", inputTokens: 0, outputTokens: 0 },
      { kind: "error", message: "upstream broke" },
    ]);
  });

  it("reads tool-call deltas: id and name first, then argument fragments, by index", async () => {
    const text = [
      '{"choices":[{"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":""}}]}}]}',
      '{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"city\\":"}}]}}]}',
      '{"choices":[{"delta":{"tool_calls":[{"index":1,"id":"call_b","function":{"name":"lookup","arguments":"{}"}},{"index":-1},{"nope":1}]}}]}',
      '{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\\"Lisbon\\"}"}}]}}]}',
      "[DONE]",
    ]
      .map((d) => `data: ${d}\n\n`)
      .join("");
    expect(await piecesOf([Buffer.from(text)])).toEqual([
      { kind: "tool_call", index: 0, id: "call_a", name: "get_weather", arguments: "" },
      { kind: "tool_call", index: 0, arguments: '{"city":' },
      { kind: "tool_call", index: 1, id: "call_b", name: "lookup", arguments: "{}" },
      { kind: "tool_call", index: 0, arguments: '"Lisbon"}' },
      { kind: "done" },
    ]);
  });

  it("never throws on arbitrary bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 500 }), async (bytes) => {
        const pieces = await piecesOf([bytes]);
        expect(Array.isArray(pieces)).toBe(true);
      }),
    );
  });
});
