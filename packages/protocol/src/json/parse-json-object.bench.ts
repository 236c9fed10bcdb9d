import { bench, describe } from "vitest";
import { jsonTextDepthExceededAt } from "./json-text-depth-exceeded-at.js";
import { MAX_JSON_DEPTH } from "./max-json-depth.js";
import { parseJsonObject } from "./parse-json-object.js";

/**
 * What the depth scan adds to parsing a client body: a chat body of about `bytes` bytes made of turns of
 * prose and tool calls (strings dominate, as in real traffic), parsed with and without the scan.
 * Run: npx vitest bench packages/protocol/src/json
 */
function chatBody(bytes: number): Buffer {
  const turn = (i: number) => [
    {
      role: "user",
      content: `Question ${i}: ${'Lorem ipsum dolor sit amet, "quoted" [text] {braces}. '.repeat(8)}`,
    },
    {
      role: "assistant",
      content: null,
      tool_calls: [
        {
          id: `call_${i}`,
          type: "function",
          function: { name: "lookup", arguments: `{"q":"item ${i}","n":[1,2,3]}` },
        },
      ],
    },
    { role: "tool", tool_call_id: `call_${i}`, content: `{"results":[{"title":"t${i}","score":0.5}]}` },
  ];
  const body = {
    model: "gpt-4o",
    tools: [
      {
        type: "function",
        function: { name: "lookup", parameters: { type: "object", properties: { q: { type: "string" } } } },
      },
    ],
    messages: [] as unknown[],
  };
  for (let i = 0; JSON.stringify(body).length < bytes; i++) body.messages.push(...turn(i));
  return Buffer.from(JSON.stringify(body));
}

for (const [label, size] of [
  ["1 KB", 1_000],
  ["100 KB", 100_000],
  ["10 MB", 10_000_000],
] as const) {
  const body = chatBody(size);
  const text = body.toString("utf8");
  describe(`${label} chat body (${body.length} bytes)`, () => {
    bench("JSON.parse only (toString + parse)", () => {
      JSON.parse(body.toString("utf8"));
    });
    bench("parseJsonObject (toString + depth scan + parse)", () => {
      parseJsonObject(body);
    });
    bench("depth scan alone", () => {
      jsonTextDepthExceededAt(text, MAX_JSON_DEPTH);
    });
  });
}
