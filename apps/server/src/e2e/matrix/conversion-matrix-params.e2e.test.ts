import { describe, expect, it } from "vitest";
import { SAMPLING } from "./case-call.js";
import { upstreamView } from "./upstream-views.js";
import { SURFACES, type Surface, UPSTREAMS, type UpstreamKind, useMatrix } from "./use-matrix.js";

const m = useMatrix();

/** Client formats with top_k (Anthropic, Gemini) and with seed (OpenAI, Gemini). */
const HAS_TOP_K: Surface[] = ["anthropic", "gemini"];
const HAS_SEED: Surface[] = ["openai", "gemini"];
/** Upstreams without top_k (OpenAI unless configured) or without seed (Anthropic, Bedrock Converse). */
const NO_TOP_K: UpstreamKind[] = ["openai", "azure"];
const NO_SEED: UpstreamKind[] = ["anthropic", "bedrock"];

/**
 * SDK 1.x speaks Anthropic API version 2026-10-21, which refuses temperature/top_p/top_k; a client that
 * sets them pins 2023-06-01 (passed through to an Anthropic upstream, so the version is part of the cell).
 * @see https://docs.anthropic.com/en/api/versioning
 */
const PIN = { anthropic: { "anthropic-version": "2023-06-01" } } as Partial<
  Record<Surface, Record<string, string>>
>;

describe.each(SURFACES)("%s client", (surface) => {
  describe.each(UPSTREAMS)("→ %s upstream", (upstream) => {
    it.each([false, true])(
      "temperature, top_p, max tokens, stop (and top_k, seed) reach the upstream in its field names (stream: %s)",
      async (stream) => {
        const { driver, up } = m.cell(surface, upstream);
        const headers = PIN[surface];
        const out = await driver.run({
          model: up.model,
          stream,
          sampling: SAMPLING,
          maxTokens: 77,
          ...(headers ? { headers } : {}),
        });
        expect(out.text).toMatch(/^Hello from fake-/);

        const got = upstreamView(upstream).sampling(up.fake.requests[0]!.json as object);
        expect(got).toMatchObject({ temperature: 0.3, topP: 0.9, maxTokens: 77, stop: ["ZZSTOP"] });
        const sendsTopK = HAS_TOP_K.includes(surface);
        const sendsSeed = HAS_SEED.includes(surface);
        expect(got.topK).toBe(sendsTopK && !NO_TOP_K.includes(upstream) ? SAMPLING.topK : undefined);
        expect(got.seed).toBe(sendsSeed && !NO_SEED.includes(upstream) ? SAMPLING.seed : undefined);

        const dropped = [
          ...(sendsTopK && NO_TOP_K.includes(upstream) ? ["top_k"] : []),
          ...(sendsSeed && NO_SEED.includes(upstream) ? ["seed"] : []),
        ];
        for (const name of dropped) expect(out.warnings).toContain(`${name} is not supported`);
        if (dropped.length === 0) expect(out.warnings).toBe("");
      },
    );
  });
});
