import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chatRequestBody, DEFAULT_SETTINGS } from "../playground/playground-request";
import { branchUntil, siblingPosition, wireHistory } from "./chat-tree";

const msg = (id: string, role: "user" | "assistant", text = id) => ({ id, role, text });

describe("branchUntil", () => {
  const branch = [msg("a", "user"), msg("b", "assistant"), msg("c", "user"), msg("d", "assistant")];
  it("cuts the branch after the message answered", () => {
    expect(branchUntil(branch, "c").map((m) => m.id)).toEqual(["a", "b", "c"]);
    expect(branchUntil(branch, "a").map((m) => m.id)).toEqual(["a"]);
  });
  it("is empty for a new root and whole for an id not on the branch", () => {
    expect(branchUntil(branch, null)).toEqual([]);
    expect(branchUntil(branch, "zz").map((m) => m.id)).toEqual(["a", "b", "c", "d"]);
  });
});

describe("wireHistory", () => {
  it("sends user and assistant turns in order and skips empty answers", () => {
    const turns = wireHistory([msg("q", "user"), { role: "assistant", text: "" }, msg("r", "assistant")]);
    expect(turns).toEqual([
      { role: "user", content: "q" },
      { role: "assistant", content: "r" },
    ]);
  });
});

describe("wireHistory with tools", () => {
  const call = (id: string, name = "get_weather") => ({
    type: "tool_call",
    id,
    name,
    arguments: '{"city":"Lisbon"}',
  });
  const result = (id: string, text: string) => ({
    role: "tool" as const,
    text,
    parts: [{ type: "tool_result", toolCallId: id }],
  });
  it("turns answered tool calls into assistant tool_calls followed by tool messages", () => {
    const turns = wireHistory([
      msg("q", "user"),
      { role: "assistant", text: "", parts: [call("c1"), call("c2", "now")] },
      result("c1", "21 °C"),
      result("c2", "noon"),
      msg("Warm.", "assistant"),
    ]);
    expect(turns).toEqual([
      { role: "user", content: "q" },
      {
        role: "assistant",
        content: "",
        toolCalls: [
          { id: "c1", name: "get_weather", arguments: '{"city":"Lisbon"}' },
          { id: "c2", name: "now", arguments: '{"city":"Lisbon"}' },
        ],
      },
      { role: "tool", content: "21 °C", toolCallId: "c1" },
      { role: "tool", content: "noon", toolCallId: "c2" },
      { role: "assistant", content: "Warm." },
    ]);
    expect(chatRequestBody("m", DEFAULT_SETTINGS, turns).messages).toEqual([
      { role: "user", content: "q" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "c1", type: "function", function: { name: "get_weather", arguments: '{"city":"Lisbon"}' } },
          { id: "c2", type: "function", function: { name: "now", arguments: '{"city":"Lisbon"}' } },
        ],
      },
      { role: "tool", tool_call_id: "c1", content: "21 °C" },
      { role: "tool", tool_call_id: "c2", content: "noon" },
      { role: "assistant", content: "Warm." },
    ]);
  });

  it("leaves out calls never answered (an answer of only those is left out whole)", () => {
    const turns = wireHistory([
      msg("q", "user"),
      { role: "assistant", text: "", parts: [call("c1")] },
      msg("never mind", "user"),
      { role: "assistant", text: "Let me check.", parts: [call("c2")] },
      msg("again", "user"),
    ]);
    expect(turns).toEqual([
      { role: "user", content: "q" },
      { role: "user", content: "never mind" },
      { role: "assistant", content: "Let me check." },
      { role: "user", content: "again" },
    ]);
  });
});

describe("siblingPosition", () => {
  it("counts from one and names the neighbours", () => {
    expect(siblingPosition({ id: "b", siblingIds: ["a", "b", "c"] })).toEqual({
      index: 2,
      count: 3,
      previous: "a",
      next: "c",
    });
    expect(siblingPosition({ id: "a", siblingIds: ["a"] })).toEqual({
      index: 1,
      count: 1,
      previous: null,
      next: null,
    });
  });
  it("is always within bounds", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        (ids, n) => {
          const id = ids[n % ids.length]!;
          const p = siblingPosition({ id, siblingIds: ids });
          expect(p.index).toBeGreaterThanOrEqual(1);
          expect(p.index).toBeLessThanOrEqual(p.count);
          expect(p.previous === null).toBe(p.index === 1);
          expect(p.next === null).toBe(p.index === p.count);
        },
      ),
    );
  });
});
