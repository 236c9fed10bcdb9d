import { GatewayError } from "@gatehouse/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listInputItems, readInputItemsQuery } from "./list-input-items.js";

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ role: "user", content: `q${i}` }));

describe("listInputItems", () => {
  it("walks every item once, in either order, whatever the page size", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 100 }),
        fc.boolean(),
        (n, limit, asc) => {
          const order = asc ? "asc" : "desc";
          const seen: string[] = [];
          let after: string | undefined;
          for (;;) {
            const page = listInputItems(items(n), "b", { limit, order, after });
            seen.push(...page.data.map((d) => d.id as string));
            expect(page.first_id).toBe(page.data[0]?.id ?? null);
            if (!page.has_more) break;
            after = page.last_id!;
          }
          const ids = Array.from({ length: n }, (_, i) => `msg_b_in${i}`);
          expect(seen).toEqual(asc ? ids : ids.reverse());
        },
      ),
    );
  });

  it("lists items as OpenAI does: type, content parts, own ids kept", () => {
    const page = listInputItems(
      [
        { role: "user", content: "Hi" },
        { type: "function_call_output", call_id: "c", output: "x", id: "mine" },
      ],
      "b",
      { limit: 20, order: "asc", after: undefined },
    );
    expect(page.data).toEqual([
      { type: "message", role: "user", content: [{ type: "input_text", text: "Hi" }], id: "msg_b_in0" },
      { type: "function_call_output", call_id: "c", output: "x", id: "mine" },
    ]);
  });

  it("refuses an unknown cursor and bad query values with a 400 naming them", () => {
    expect(() => listInputItems(items(2), "b", { limit: 1, order: "asc", after: "nope" })).toThrow(
      GatewayError,
    );
    for (const [query, param] of [
      [{ limit: "0" }, "limit"],
      [{ limit: "101" }, "limit"],
      [{ limit: "x" }, "limit"],
      [{ order: "up" }, "order"],
      [{ after: ["a", "b"] }, "after"],
    ] as const) {
      try {
        readInputItemsQuery(query);
        expect.unreachable();
      } catch (err) {
        expect((err as GatewayError).details.param).toBe(param);
      }
    }
    expect(readInputItemsQuery({})).toEqual({ limit: 20, order: "desc", after: undefined });
  });
});
