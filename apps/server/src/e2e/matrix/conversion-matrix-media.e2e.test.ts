import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PNG_1X1, startTestImageServer, type TestImageServer } from "../../media/test-image-server.js";
import { upstreamView } from "./upstream-views.js";
import { SURFACES, type Surface, UPSTREAMS, type UpstreamKind, useMatrix } from "./use-matrix.js";

// The image server listens on 127.0.0.1: the test lets the fetcher reach private addresses.
const m = useMatrix({ imageFetch: { allowPrivate: true, maxBytes: 4096 } });
let images: TestImageServer;
beforeAll(async () => {
  images = await startTestImageServer();
});
afterAll(async () => {
  await images?.close();
});

const BASE64 = PNG_1X1.toString("base64");

/**
 * Whether an image URL reaches the upstream as a URL. OpenAI and Anthropic fetch URLs themselves; Ollama
 * and Bedrock take only bytes, and Gemini fetches only its own file URIs, so the gateway inlines the
 * fetched bytes — except Gemini client → Gemini/Vertex, which passes the request through untouched.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/vision
 * @see https://ai.google.dev/gemini-api/docs/image-understanding
 */
function keepsUrl(surface: Surface, upstream: UpstreamKind): boolean {
  if (["openai", "azure", "anthropic"].includes(upstream)) return true;
  return surface === "gemini" && (upstream === "gemini" || upstream === "vertex");
}

describe.each(SURFACES)("%s client", (surface) => {
  describe.each(UPSTREAMS)("→ %s upstream", (upstream) => {
    it("a base64 image reaches the upstream as the same bytes in its own shape", async () => {
      const { driver, up } = m.cell(surface, upstream);
      const out = await driver.run({
        model: up.model,
        stream: false,
        image: { base64: BASE64, mime: "image/png" },
      });
      expect(out.text).toMatch(/^Hello from fake-/);
      expect(upstreamView(upstream).image(up.fake.requests[0]!.json as object)).toEqual({ bytes: BASE64 });
    });

    it("an image URL reaches the upstream as the URL, or as the fetched bytes where it needs bytes", async () => {
      const { driver, up } = m.cell(surface, upstream);
      const url = `${images.origin}/cat.png`;
      const out = await driver.run({ model: up.model, stream: true, image: { url } });
      expect(out.text).toMatch(/^Hello from fake-/);
      const got = upstreamView(upstream).image(up.fake.requests[0]!.json as object);
      expect(got).toEqual(keepsUrl(surface, upstream) ? { url } : { bytes: BASE64 });
    });
  });
});
