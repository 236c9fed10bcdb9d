import { describe, expect, it } from "vitest";
import { SURFACES, type Surface, UPSTREAMS, useMatrix } from "./use-matrix.js";

const m = useMatrix();

/**
 * A streamed request in each client protocol over raw HTTP, and the markers of its stream: the protocol's
 * own in-stream error, and the success end that must not follow it.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming#error-events
 * @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 */
const RAW: Record<
  Surface,
  { path: (model: string) => string; body: (model: string) => object; error: RegExp; success: RegExp }
> = {
  openai: {
    path: () => "/v1/chat/completions",
    body: (model) => ({ model, stream: true, messages: [{ role: "user", content: "Say hello" }] }),
    error: /^data: \{"error":\{/m,
    success: /data: \[DONE\]/,
  },
  anthropic: {
    path: () => "/v1/messages",
    body: (model) => ({
      model,
      stream: true,
      max_tokens: 100,
      messages: [{ role: "user", content: "Say hello" }],
    }),
    error: /^event: error\r?\ndata: \{"type":"error","error":\{/m,
    success: /event: message_stop/,
  },
  gemini: {
    path: (model) => `/v1beta/models/${encodeURIComponent(model)}:streamGenerateContent?alt=sse`,
    body: () => ({ contents: [{ role: "user", parts: [{ text: "Say hello" }] }] }),
    error: /^data: \{"error":\{"code":\d+/m,
    success: /"finishReason"/,
  },
};

const HEADERS: Record<Surface, (key: string) => Record<string, string>> = {
  openai: (key) => ({ authorization: `Bearer ${key}` }),
  anthropic: (key) => ({ "x-api-key": key, "anthropic-version": "2023-06-01" }),
  gemini: (key) => ({ "x-goog-api-key": key }),
};

describe.each(SURFACES)("%s client", (surface) => {
  describe.each(UPSTREAMS)("→ %s upstream", (upstream) => {
    it.each(["stream-error", "cut-stream"] as const)(
      "upstream %s: the SDK's stream iteration throws",
      async (mode) => {
        const { driver, up } = m.cell(surface, upstream);
        up.fake.setMode(mode, 1);
        await expect(driver.run({ model: up.model, stream: true })).rejects.toThrow();
      },
    );

    it.each(["stream-error", "cut-stream"] as const)(
      "upstream %s: the raw stream ends in the protocol's error event, no success marker",
      async (mode) => {
        const { up } = m.cell(surface, upstream);
        up.fake.setMode(mode, 1);
        const raw = RAW[surface];
        const res = await fetch(`${m.gw.url}${raw.path(up.model)}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...HEADERS[surface](m.gw.key) },
          body: JSON.stringify(raw.body(up.model)),
        });
        expect(res.status).toBe(200);
        const text = await res.text();
        expect(text).toMatch(raw.error);
        expect(text).not.toMatch(raw.success);
      },
    );
  });
});
