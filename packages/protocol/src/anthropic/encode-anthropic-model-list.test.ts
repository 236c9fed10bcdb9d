import { describe, expect, it } from "vitest";
import { encodeAnthropicModelList } from "./encode-anthropic-model-list.js";

describe("encodeAnthropicModelList", () => {
  it("writes models in Anthropic's list shape with RFC 3339 dates", () => {
    expect(
      encodeAnthropicModelList([
        { id: "claude-a", displayName: "Claude A", createdAt: new Date("2025-02-19T00:00:00.000Z") },
        { id: "gpt-b", displayName: "GPT B", createdAt: 1_700_000_000 },
        { id: "c", displayName: "C", createdAt: "2024-10-22T00:00:00Z" },
      ]),
    ).toEqual({
      data: [
        { type: "model", id: "claude-a", display_name: "Claude A", created_at: "2025-02-19T00:00:00Z" },
        { type: "model", id: "gpt-b", display_name: "GPT B", created_at: "2023-11-14T22:13:20Z" },
        { type: "model", id: "c", display_name: "C", created_at: "2024-10-22T00:00:00Z" },
      ],
      has_more: false,
      first_id: "claude-a",
      last_id: "c",
    });
  });

  it("writes null ids for an empty list", () => {
    expect(encodeAnthropicModelList([])).toEqual({
      data: [],
      has_more: false,
      first_id: null,
      last_id: null,
    });
  });
});
