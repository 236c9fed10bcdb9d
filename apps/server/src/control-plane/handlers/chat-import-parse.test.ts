import type { GatewayError } from "@gatehouse/protocol";
import { describe, expect, it } from "vitest";
import { exportConversation } from "./chat-export.js";
import { parseChatImport } from "./chat-import-parse.js";
import {
  CHATGPT_EXPORT,
  LIBRECHAT_EXPORT,
  LIBRECHAT_RECURSIVE_EXPORT,
} from "./testing/chat-import-fixtures.js";

const NOW = 1_800_000_000_000;

describe("parseChatImport", () => {
  it("reads ChatGPT's conversations.json: the tree without the empty root, system prompt and tool steps", () => {
    const { format, conversations } = parseChatImport(CHATGPT_EXPORT, "auto", NOW);
    expect(format).toBe("chatgpt");
    const [c] = conversations;
    expect(c).toMatchObject({
      title: "Trip to Lisbon",
      model: "gpt-4o",
      createdAt: 1_714_557_600_123,
      activeKey: "a2",
    });
    expect(c!.messages).toEqual([
      {
        key: "u1",
        parentKey: null,
        role: "user",
        text: "Where should I eat in Lisbon?",
        model: null,
        createdAt: 1_714_557_601_500,
      },
      {
        key: "a1",
        parentKey: "u1",
        role: "assistant",
        text: "Try **Time Out Market**.",
        model: "gpt-4o",
        createdAt: 1_714_557_610_000,
      },
      // The tool call and its output are bypassed: the answer after them hangs from the question.
      {
        key: "a2",
        parentKey: "u1",
        role: "assistant",
        text: "Cervejaria Ramiro",
        model: "gpt-4o",
        createdAt: 1_714_557_630_000,
      },
    ]);
  });

  it("reads LibreChat's flat and recursive exports alike, showing the newest answer", () => {
    for (const file of [LIBRECHAT_EXPORT, LIBRECHAT_RECURSIVE_EXPORT]) {
      const { format, conversations } = parseChatImport(file, "auto", NOW);
      expect(format).toBe("librechat");
      const [c] = conversations;
      expect(c).toMatchObject({
        title: "Haiku",
        model: "gpt-4o-mini",
        activeKey: "m3",
        createdAt: Date.parse("2024-05-01T10:00:00Z"),
      });
      expect(c!.messages.map((m) => [m.key, m.parentKey, m.role, m.text])).toEqual([
        ["m1", null, "user", "Write a haiku about tea"],
        ["m2", "m1", "assistant", "Steam curls from the cup"],
        ["m3", "m1", "assistant", "Green leaves unfolding"],
      ]);
    }
  });

  it("reads its own JSON export back with every branch and the branch shown", () => {
    const conversation = { id: "cnv_x", title: "Mine", model: "m", createdAt: 5, activeLeafId: "b" };
    const all = [
      { id: "a", parentId: null, role: "user", text: "Q", model: null, createdAt: 6 },
      { id: "b", parentId: "a", role: "assistant", text: "A1", model: "m", createdAt: 7 },
      { id: "c", parentId: "a", role: "assistant", text: "A2", model: "m", createdAt: 8 },
    ];
    const file = JSON.parse(exportConversation(conversation, [], all, "json").content);
    const { format, conversations } = parseChatImport(file, "auto", NOW);
    expect(format).toBe("gatehouse");
    expect(conversations[0]).toMatchObject({ title: "Mine", model: "m", createdAt: 5, activeKey: "b" });
    expect(conversations[0]!.messages.map((m) => [m.key, m.parentKey, m.text])).toEqual([
      ["a", null, "Q"],
      ["b", "a", "A1"],
      ["c", "a", "A2"],
    ]);
  });

  it("refuses unknown shapes, mixed files, a forced wrong format and too many conversations with 400", () => {
    const bad: [unknown, "auto" | "chatgpt"][] = [
      [{ hello: "world" }, "auto"],
      [[], "auto"],
      ["text", "auto"],
      [[CHATGPT_EXPORT[0], LIBRECHAT_EXPORT], "auto"],
      [LIBRECHAT_EXPORT, "chatgpt"],
      [Array.from({ length: 501 }, () => CHATGPT_EXPORT[0]), "auto"],
    ];
    for (const [file, format] of bad) {
      expect(() => parseChatImport(file, format, NOW)).toThrow(
        expect.objectContaining({ code: "invalid_request" }) as unknown as GatewayError,
      );
    }
  });

  it("refuses more than 20,000 messages in one import, counting every conversation", () => {
    const conversation = (from: number, count: number) => ({
      title: `c${from}`,
      mapping: Object.fromEntries(
        Array.from({ length: count }, (_, i) => [
          `n${from + i}`,
          {
            parent: i === 0 ? null : `n${from + i - 1}`,
            message: { author: { role: "user" }, content: { content_type: "text", parts: ["x"] } },
          },
        ]),
      ),
    });
    expect(
      parseChatImport([conversation(0, 10_000), conversation(10_000, 10_000)], "auto", NOW).conversations,
    ).toHaveLength(2);
    expect(() =>
      parseChatImport([conversation(0, 10_000), conversation(10_000, 10_001)], "auto", NOW),
    ).toThrow(/more than 20000 messages/);
  });
});
