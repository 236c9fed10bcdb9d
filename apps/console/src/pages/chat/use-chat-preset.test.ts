import { describe, expect, it } from "vitest";
import { chatRequestBody, DEFAULT_SETTINGS } from "../playground/playground-request";
import { presetSettings } from "./use-chat-preset";

describe("presetSettings", () => {
  const tool = {
    type: "function" as const,
    function: { name: "get_weather", parameters: { type: "object" } },
  };
  it("sends a preset's tools with every answer", () => {
    const settings = presetSettings({
      systemPrompt: "Be brief.",
      parameters: { temperature: 0.3 },
      tools: [tool],
    });
    const body = chatRequestBody("m", settings, [{ role: "user", content: "Hi" }], false);
    expect(body).toMatchObject({
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
      ],
      temperature: 0.3,
      tools: [tool],
    });
  });

  it("sends no tools for a preset without any, nor without a preset", () => {
    expect(presetSettings({ systemPrompt: "", parameters: {}, tools: [] }).tools).toBe("");
    expect(presetSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });
});
