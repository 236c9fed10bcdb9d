import { GatewayError } from "@gatehouse/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseChatImport } from "./chat-import-parse.js";
import { CHATGPT_EXPORT, LIBRECHAT_EXPORT } from "./testing/chat-import-fixtures.js";

const NOW = 1_800_000_000_000;

/** Either a parse or a 400: no other error, whatever the file holds. */
function parsesOrRefuses(file: unknown, format: "auto" | "gatehouse" | "librechat" | "chatgpt") {
  try {
    const { conversations } = parseChatImport(file, format, NOW);
    for (const c of conversations) {
      const keys = new Set<string>();
      for (const m of c.messages) {
        if (m.parentKey !== null) expect(keys.has(m.parentKey)).toBe(true);
        keys.add(m.key);
        expect(["user", "assistant", "system"]).toContain(m.role);
        expect(Number.isSafeInteger(m.createdAt)).toBe(true);
      }
      expect(c.title.length).toBeGreaterThan(0);
      expect(c.title.length).toBeLessThanOrEqual(200);
    }
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).code).toBe("invalid_request");
  }
}

/** Arbitrary JSON spliced into the places the formats read, so the parsers meet odd values there. */
const odd = fc.jsonValue({ maxDepth: 3 });

describe("parseChatImport on arbitrary input", () => {
  it("answers conversations whose parents come first, or invalid_request, for any JSON", () => {
    fc.assert(
      fc.property(
        odd,
        fc.constantFrom("auto", "gatehouse", "librechat", "chatgpt" as const),
        (file, format) => parsesOrRefuses(file, format),
      ),
    );
  });

  it("survives odd values in every field of a ChatGPT node", () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom("u", "a", "b", "constructor", "__proto__"),
          fc.record(
            {
              parent: fc.oneof(fc.constantFrom(null, "u", "a", "b", "zz"), odd),
              message: fc.oneof(
                odd,
                fc.record({
                  author: fc.oneof(
                    odd,
                    fc.record({ role: fc.oneof(odd, fc.constantFrom("user", "assistant", "tool")) }),
                  ),
                  content: fc.oneof(
                    odd,
                    fc.record({ content_type: fc.oneof(odd, fc.constant("text")), parts: odd }),
                  ),
                  create_time: odd,
                  metadata: odd,
                }),
              ),
            },
            { requiredKeys: [] },
          ),
        ),
        odd,
        (mapping, current) =>
          parsesOrRefuses([{ ...CHATGPT_EXPORT[0], mapping, current_node: current }], "auto"),
      ),
    );
  });

  it("survives odd values in every field of a LibreChat message", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record(
            {
              messageId: fc.oneof(fc.constantFrom("m1", "m2", "m3"), odd),
              parentMessageId: fc.oneof(
                fc.constantFrom("m1", "m2", "00000000-0000-0000-0000-000000000000"),
                odd,
              ),
              text: odd,
              content: odd,
              isCreatedByUser: odd,
              createdAt: odd,
              children: odd,
            },
            { requiredKeys: [] },
          ),
          { maxLength: 8 },
        ),
        (messages) => parsesOrRefuses({ ...LIBRECHAT_EXPORT, messages }, "auto"),
      ),
    );
  });

  it("keeps a ChatGPT tree whole: every text node, under its parent, the current node shown", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), fc.nat(), (parents, pick) => {
        const mapping: Record<string, unknown> = {};
        parents.forEach((p, i) => {
          mapping[`n${i}`] = {
            id: `n${i}`,
            parent: i === 0 ? null : `n${p % i}`,
            message: {
              author: { role: i % 2 === 0 ? "user" : "assistant" },
              create_time: 1_700_000_000 + i,
              content: { content_type: "text", parts: [`text ${i}`] },
              metadata: {},
            },
          };
        });
        const current = `n${pick % parents.length}`;
        const [c] = parseChatImport(
          [{ title: "T", mapping, current_node: current }],
          "chatgpt",
          NOW,
        ).conversations;
        expect(c!.messages).toHaveLength(parents.length);
        for (const m of c!.messages) {
          const i = Number(m.key.slice(1));
          expect(m.parentKey).toBe(i === 0 ? null : `n${parents[i]! % i}`);
          expect(m.text).toBe(`text ${i}`);
        }
        expect(c!.activeKey).toBe(current);
      }),
    );
  });
});
