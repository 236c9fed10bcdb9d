import {
  FAKE_REASONING_SIGNATURE,
  FAKE_THINKING_FRAGMENTS,
  FAKE_THINKING_SIGNATURE,
  FAKE_THOUGHT_SIGNATURE,
} from "@gatehouse/test-support";
import { describe, expect, it } from "vitest";
import { upstreamView } from "./upstream-views.js";
import { SURFACES, type Surface, UPSTREAMS, type UpstreamKind, useMatrix } from "./use-matrix.js";

const m = useMatrix();
const THINKING = FAKE_THINKING_FRAGMENTS.join("");

/**
 * The reasoning request each upstream must receive, in its own terms.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-reasoning_effort
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 * @see https://ai.google.dev/gemini-api/docs/thinking
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html
 */
const REQUESTED: Record<UpstreamKind, unknown> = {
  openai: expect.stringMatching(/^(minimal|low|medium|high)$/),
  azure: expect.stringMatching(/^(minimal|low|medium|high)$/),
  anthropic: { type: "enabled", budget_tokens: expect.any(Number) },
  bedrock: { type: "enabled", budget_tokens: expect.any(Number) },
  gemini: { thinkingBudget: expect.any(Number), includeThoughts: true },
  vertex: { thinkingBudget: expect.any(Number), includeThoughts: true },
  ollama: expect.anything(),
};

/** The fake OpenAI does not think; the others return THINKING. */
const THINKS: UpstreamKind[] = ["anthropic", "gemini", "ollama", "bedrock", "vertex"];
/** The signature each fake signs its reasoning with. */
const SIGNATURE: Partial<Record<UpstreamKind, string>> = {
  anthropic: FAKE_THINKING_SIGNATURE,
  bedrock: FAKE_REASONING_SIGNATURE,
  gemini: FAKE_THOUGHT_SIGNATURE,
  vertex: FAKE_THOUGHT_SIGNATURE,
};
/** Client formats that carry a reasoning signature (OpenAI's reasoning_content has none). */
const SIGNS: Surface[] = ["anthropic", "gemini"];

describe.each(SURFACES)("%s client", (surface) => {
  describe.each(UPSTREAMS)("→ %s upstream", (upstream) => {
    it.each([false, true])(
      "a reasoning request reaches the upstream, its reasoning the client (stream: %s)",
      async (stream) => {
        const { driver, up } = m.cell(surface, upstream);
        const out = await driver.run({ model: up.model, stream, reasoning: true });
        expect(upstreamView(upstream).reasoning(up.fake.requests[0]!.json as object)).toEqual(
          REQUESTED[upstream],
        );
        expect(out.text).toMatch(/^Hello from fake-/);
        expect(out.reasoning).toBe(THINKS.includes(upstream) ? THINKING : "");
        if (SIGNS.includes(surface) && SIGNATURE[upstream] !== undefined)
          expect(out.signature).toBe(SIGNATURE[upstream]);
      },
    );
  });
});

describe("anthropic client → anthropic upstream", () => {
  it("a thinking block with its signature sent back in history reaches the upstream byte-exact", async () => {
    const { driver, up } = m.cell("anthropic", "anthropic");
    const block = {
      thinking: 'Earlier: 2 + 2 = 4, so "four" — ünïcode ✓',
      signature: "c2lnLWJ5dGVzLWV4YWN0/+==",
    };
    await driver.run({ model: up.model, stream: true, thinkingHistory: block, reasoning: true });
    const raw = up.fake.requests[0]!.body;
    expect(raw).toContain(JSON.stringify({ type: "thinking", ...block }));
    const sent = (up.fake.requests[0]!.json as { messages: Array<{ content: unknown }> }).messages[1]!
      .content;
    expect(sent).toEqual([
      { type: "thinking", ...block },
      { type: "text", text: "Earlier answer" },
    ]);
  });

  it("the signature of a converted turn reaches a Bedrock upstream as reasoningContent", async () => {
    const { driver, up } = m.cell("anthropic", "bedrock");
    const block = { thinking: "Earlier thought", signature: "c2lnLWJlZHJvY2s=" };
    await driver.run({ model: up.model, stream: false, thinkingHistory: block, reasoning: true });
    const sent = (up.fake.requests[0]!.json as { messages: Array<{ content: unknown[] }> }).messages[1]!
      .content;
    expect(sent[0]).toEqual({
      reasoningContent: { reasoningText: { text: block.thinking, signature: block.signature } },
    });
  });
});
