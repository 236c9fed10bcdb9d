import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../../store/chat/chat-types.js";
import { toolResultParts } from "./chat-tool-result-parts.js";

const msg = (
  id: string,
  parentId: string | null,
  role: ChatMessage["role"],
  parts: unknown[] = [],
): ChatMessage => ({
  id,
  conversationId: "cnv_1",
  parentId,
  role,
  text: "",
  parts,
  model: null,
  usageRecordId: null,
  inputTokens: 0,
  outputTokens: 0,
  costNano: 0,
  createdAt: 0,
  status: "done",
  error: null,
});
const call = (id: string) => ({ type: "tool_call", id, name: "f", arguments: "{}" });
const result = (toolCallId: string) => ({ type: "tool_result" as const, toolCallId });
const answer = msg("a", "q", "assistant", [call("c1"), call("c2")]);
const first = msg("r1", "a", "tool", [result("c1")]);
const byId = new Map([answer, first, msg("q", null, "user")].map((m) => [m.id, m]));
const read = async (id: string) => byId.get(id);

describe("toolResultParts", () => {
  it("takes a result of a call of the parent answer, or of the answer above earlier results", async () => {
    expect(await toolResultParts("tool", [result("c1")], answer, read)).toEqual([result("c1")]);
    expect(await toolResultParts("tool", [result("c2")], first, read)).toEqual([result("c2")]);
  });

  it("refuses a call answered already, an unknown call, a missing part, a parent that is no answer", async () => {
    const refused = (p: Promise<unknown>, text: string) => expect(p).rejects.toThrow(text);
    await refused(toolResultParts("tool", [result("c1")], first, read), "already has a result");
    await refused(toolResultParts("tool", [result("c9")], answer, read), "is not a tool call");
    await refused(toolResultParts("tool", [], answer, read), "exactly one tool_result");
    await refused(toolResultParts("tool", [result("c1")], byId.get("q"), read), "is not a tool call");
    await refused(toolResultParts("tool", [result("c1")], undefined, read), "is not a tool call");
    await refused(toolResultParts("user", [result("c1")], answer, read), "only a tool message");
    expect(await toolResultParts("user", [], answer, read)).toEqual([]);
  });
});
