import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createPreset } from "./chat-preset-contracts.js";
import { CHAT_TOOLS_MAX, CHAT_TOOLS_MAX_BYTES, ChatToolsSchema } from "./chat-tool-contracts.js";

const name = fc.stringMatching(/^[a-zA-Z0-9_-]{1,64}$/);
const tool = (n: string) =>
  fc.record(
    {
      type: fc.constant("function" as const),
      function: fc.record(
        {
          name: fc.constant(n),
          description: fc.string({ maxLength: 50 }),
          parameters: fc.constant({ type: "object", properties: { q: { type: "string" } } }),
          strict: fc.boolean(),
        },
        { requiredKeys: ["name"] },
      ),
    },
    { requiredKeys: ["type", "function"] },
  );
const validList = fc
  .uniqueArray(name, { maxLength: CHAT_TOOLS_MAX })
  .chain((names) => fc.tuple(...names.map(tool)));

describe("ChatToolsSchema", () => {
  it("accepts any list of up to 32 well-formed tools with unique names", () => {
    fc.assert(
      fc.property(validList, (tools) => {
        expect(ChatToolsSchema.safeParse(tools).success).toBe(true);
      }),
    );
  });

  it("refuses a repeated name, naming the tool", () => {
    fc.assert(
      fc.property(validList, name, fc.nat(), (tools, dup, at) => {
        const list = [...tools.slice(0, CHAT_TOOLS_MAX - 2), { type: "function", function: { name: dup } }];
        list.splice(at % list.length, 0, { type: "function", function: { name: dup } });
        const r = ChatToolsSchema.safeParse(list);
        expect(r.success).toBe(false);
        expect(r.error?.issues.some((i) => i.message.includes(`'${dup}' is used twice`))).toBe(true);
      }),
    );
  });

  it("refuses a bad name, an unknown field, a non-object schema, and anything not a tool", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc
            .string()
            .filter((s) => !/^[a-zA-Z0-9_-]{1,64}$/.test(s))
            .map((n) => ({ type: "function", function: { name: n } })),
          name.map((n) => ({ type: "function", function: { name: n, extra: 1 } })),
          name.map((n) => ({ type: "function", function: { name: n, parameters: { type: "string" } } })),
          name.map((n) => ({ type: "retrieval", function: { name: n } })),
          fc.anything().filter((v) => typeof v !== "object" || v === null || !("function" in v)),
        ),
        (bad) => {
          expect(ChatToolsSchema.safeParse([bad]).success).toBe(false);
        },
      ),
    );
  });

  it("refuses more than 32 tools, and a list over 64 KB", () => {
    const many = Array.from({ length: CHAT_TOOLS_MAX + 1 }, (_, i) => ({
      type: "function",
      function: { name: `t${i}` },
    }));
    expect(ChatToolsSchema.safeParse(many).error?.issues[0]?.message).toBe("At most 32 tools.");
    const big = [
      {
        type: "function",
        function: {
          name: "big",
          description: "x".repeat(4000),
          parameters: { type: "object", d: "y".repeat(CHAT_TOOLS_MAX_BYTES) },
        },
      },
    ];
    expect(ChatToolsSchema.safeParse(big).error?.issues[0]?.message).toBe("The tools take more than 64 KB.");
  });

  it("defaults a new preset's tools to none", () => {
    const body = createPreset.body!.parse({ name: "P", model: "m" });
    expect(body.tools).toEqual([]);
  });
});
