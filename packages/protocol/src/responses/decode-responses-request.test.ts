import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { jsonPaths, withValueAt } from "../testing/json-paths.js";
import { jsonValueArb } from "../testing/json-value-arb.js";
import { decodeResponsesRequestWithWarnings } from "./decode-responses-request.js";

const codex = JSON.parse(
  readFileSync(new URL("./__fixtures__/responses-request-codex.json", import.meta.url), "utf8"),
);

function refusal(body: unknown): GatewayError {
  try {
    decodeResponsesRequestWithWarnings(body);
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error("decoded without error");
}

describe("decodeResponsesRequestWithWarnings", () => {
  it("decodes a Codex request: instructions and developer text as system, one assistant turn, the tool result", () => {
    const { request, warnings, unmodeled, settings } = decodeResponsesRequestWithWarnings(codex);
    expect(request).toEqual({
      model: "gpt-5-codex",
      stream: true,
      system: [
        { type: "text", text: "You are Codex, a coding agent." },
        { type: "text", text: "Sandbox: read-only." },
      ],
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "List the files" },
            {
              type: "image",
              source: { kind: "base64", mediaType: "image/png", data: "iVBORw0KGgo=" },
              detail: "low",
            },
          ],
        },
        {
          role: "assistant",
          content: [
            { type: "reasoning", text: "I will run ls.", signature: "enc-abc" },
            { type: "tool_call", id: "call_1", name: "shell", arguments: '{"command":["ls"]}' },
          ],
        },
        {
          role: "tool",
          content: [
            {
              type: "tool_result",
              toolCallId: "call_1",
              content: [{ type: "text", text: "README.md\npackage.json" }],
            },
          ],
        },
        { role: "assistant", content: [{ type: "text", text: "Two files." }] },
        { role: "user", content: [{ type: "text", text: "Thanks" }] },
      ],
      tools: [
        {
          name: "shell",
          description: "Runs a command",
          strict: false,
          parameters: {
            type: "object",
            properties: { command: { type: "array", items: { type: "string" } } },
          },
        },
      ],
      toolChoice: { type: "auto" },
      parallelToolCalls: false,
      maxTokens: 1000,
      temperature: 0.5,
      topP: 0.9,
      responseFormat: { type: "json_schema", name: "answer", schema: { type: "object" }, strict: true },
      reasoning: { enabled: true, effort: "medium", includeThoughts: true },
    });
    expect(warnings).toEqual(["prompt_cache_key is not supported by the gateway; dropped"]);
    expect(unmodeled).toEqual([]);
    expect(settings.encryptedReasoning).toBe(true);
    expect(settings.echo).toMatchObject({ store: false, truncation: "auto", metadata: { session: "s1" } });
  });

  it("takes a string input as one user message and fills in the echoed defaults", () => {
    const { request, settings } = decodeResponsesRequestWithWarnings({ model: "m", input: "Hi" });
    expect(request).toEqual({
      model: "m",
      stream: false,
      messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
    });
    expect(settings).toEqual({
      encryptedReasoning: false,
      echo: {
        instructions: null,
        max_output_tokens: null,
        metadata: {},
        parallel_tool_calls: true,
        previous_response_id: null,
        reasoning: { effort: null, summary: null },
        store: true,
        temperature: 1,
        text: { format: { type: "text" } },
        tool_choice: "auto",
        tools: [],
        top_p: 1,
        truncation: "disabled",
        user: null,
      },
    });
  });

  it("lists hosted tools, file inputs and stored prompts as unmodeled, leaving them out", () => {
    const { request, unmodeled } = decodeResponsesRequestWithWarnings({
      model: "m",
      input: [
        {
          role: "user",
          content: [
            { type: "input_text", text: "Read" },
            { type: "input_file", file_id: "file_1" },
          ],
        },
      ],
      tools: [{ type: "web_search" }, { type: "function", name: "f" }],
      prompt: { id: "pmpt_1" },
    });
    expect(unmodeled.map((u) => u.param)).toEqual(["input[0].content[1].type", "tools[0].type", "prompt"]);
    expect(request.tools).toEqual([{ name: "f", parameters: { type: "object", properties: {} } }]);
    expect(request.messages[0]!.content).toEqual([{ type: "text", text: "Read" }]);
  });

  it("lists a compaction item as unmodeled: only a native upstream can read it", () => {
    const { request, unmodeled } = decodeResponsesRequestWithWarnings({
      model: "m",
      input: [
        { role: "user", content: "first" },
        { type: "compaction", id: "cmp_1", encrypted_content: "opaque" },
        { role: "user", content: "next" },
      ],
    });
    expect(unmodeled).toEqual([
      {
        param: "input[1].type",
        reason: "is a 'compaction' item (from /v1/responses/compact, encrypted for OpenAI's models)",
      },
    ]);
    expect(request.messages.map((m) => m.role)).toEqual(["user", "user"]);
  });

  it("maps effort none to reasoning off and xhigh to high with a warning", () => {
    expect(
      decodeResponsesRequestWithWarnings({ model: "m", input: "x", reasoning: { effort: "none" } }).request
        .reasoning,
    ).toEqual({
      enabled: false,
    });
    const xhigh = decodeResponsesRequestWithWarnings({
      model: "m",
      input: "x",
      reasoning: { effort: "xhigh" },
    });
    expect(xhigh.request.reasoning).toEqual({ enabled: true, effort: "high" });
    expect(xhigh.warnings[0]).toMatch(/xhigh/);
  });

  it.each([
    [{ previous_response_id: "resp_1" }, "previous_response_id", /must be resolved before/],
    [{ conversation: "conv_1" }, "conversation", /conversations are not supported/],
    [{ background: true }, "background", /background responses are not supported/],
    [{ input: [{ type: "item_reference", id: "msg_1" }] }, "input[0].type", /stored item/],
    [{ input: [{ type: "nope" }] }, "input[0].type", /must be one of/],
    [
      { input: [{ type: "function_call_output", call_id: "c", output: "x" }] },
      "input[0].call_id",
      /no earlier/,
    ],
    [
      {
        input: [
          { type: "function_call", call_id: "c", name: "f", arguments: "{}" },
          { type: "function_call_output", call_id: "c", output: "x" },
          { type: "function_call_output", call_id: "c", output: "y" },
        ],
      },
      "input[2].call_id",
      /second time/,
    ],
    [
      {
        input: [
          { type: "function_call", call_id: "c", name: "f", arguments: "{}" },
          { type: "function_call", call_id: "c", name: "f", arguments: "{}" },
        ],
      },
      "input[1].call_id",
      /repeats/,
    ],
    [
      { input: [{ type: "function_call", call_id: "c", name: "f", arguments: "{}" }] },
      "input[0].call_id",
      /no function_call_output/,
    ],
    [{ input: [{ role: "system", content: "only system" }] }, "input", /at least one message/],
    [{ tool_choice: { type: "function", name: "ghost" } }, "tool_choice.name", /no declared/],
    [{ text: { format: { type: "json_schema", name: "a" } } }, "text.format.schema", /object/],
    [{ max_output_tokens: 0 }, "max_output_tokens", /integer/],
    [{ truncation: "sometimes" }, "truncation", /one of/],
    [{ metadata: { k: 1 } }, "metadata.k", /string/],
    [{ tools: [{ type: "unheard_of" }] }, "tools[0].type", /function/],
  ])("refuses %j with a 400 naming %s", (fields, param, message) => {
    const err = refusal({ model: "m", input: "x", ...fields });
    expect(err.status).toBe(400);
    expect(err.details.param).toBe(param);
    expect(err.message).toMatch(message);
  });

  it("throws only 400-class GatewayErrors for arbitrary JSON", () => {
    fc.assert(
      fc.property(jsonValueArb, (value) => {
        try {
          decodeResponsesRequestWithWarnings(value);
        } catch (err) {
          expect(err).toBeInstanceOf(GatewayError);
          expect((err as GatewayError).status).toBe(400);
        }
      }),
    );
  });

  it("throws only 400-class GatewayErrors for mutations of a valid body", () => {
    const paths = jsonPaths(codex);
    fc.assert(
      fc.property(fc.constantFrom(...paths), jsonValueArb, (path, replacement) => {
        try {
          decodeResponsesRequestWithWarnings(withValueAt(codex, path, replacement));
        } catch (err) {
          expect(err).toBeInstanceOf(GatewayError);
          expect((err as GatewayError).status).toBe(400);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("keeps every text and every answered call of a generated conversation, in order", () => {
    const turn = fc.oneof(
      fc.record({ kind: fc.constant("user" as const), text: fc.string({ minLength: 1 }) }),
      fc.record({ kind: fc.constant("calls" as const), count: fc.integer({ min: 1, max: 3 }) }),
    );
    fc.assert(
      fc.property(fc.array(turn, { minLength: 1, maxLength: 8 }), (turns) => {
        let n = 0;
        const input = turns.flatMap((t): Array<Record<string, unknown>> => {
          if (t.kind === "user") return [{ role: "user", content: t.text }];
          const ids = Array.from({ length: t.count }, () => `call_${n++}`);
          return [
            ...ids.map((id) => ({ type: "function_call", call_id: id, name: "f", arguments: "{}" })),
            ...ids.map((id) => ({ type: "function_call_output", call_id: id, output: `out ${id}` })),
          ];
        });
        const { request } = decodeResponsesRequestWithWarnings({ model: "m", input });
        const parts = request.messages.flatMap((msg) => msg.content);
        const texts = parts.flatMap((p) => (p.type === "text" ? [p.text] : []));
        expect(texts).toEqual(turns.flatMap((t) => (t.kind === "user" ? [t.text] : [])));
        const calls = parts.flatMap((p) => (p.type === "tool_call" ? [p.id] : []));
        const results = parts.flatMap((p) => (p.type === "tool_result" ? [p.toolCallId] : []));
        expect(calls).toEqual(Array.from({ length: n }, (_, i) => `call_${i}`));
        expect(results).toEqual(calls);
      }),
    );
  });
});
