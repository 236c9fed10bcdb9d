import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import type { SurfaceName } from "../routing/surface-client.js";
import { surfaceErrorMessage } from "./surface-error-message.js";
import { CHAT_PATHS, keyHeader } from "./surface-heads.js";

const LEVELS = 100_000;
const DEEP = "__DEEP__";

/** JSON text nested `levels` deep: arrays, objects, or both alternating (objects outermost). */
function deepText(levels: number, kind: "arrays" | "objects" | "mixed"): string {
  if (kind === "arrays") return `${"[".repeat(levels)}${"]".repeat(levels)}`;
  if (kind === "objects") return `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
  const pairs = Math.floor(levels / 2);
  return `${'{"a":['.repeat(pairs)}1${"]}".repeat(pairs)}`;
}

/** A valid chat body of the surface with the deep value in one field (the DEEP marker). */
const CASES: Array<[SurfaceName, string, unknown]> = [
  ["openai", "messages", { model: "m", messages: DEEP }],
  ["openai", "messages[0].content", { model: "m", messages: [{ role: "user", content: DEEP }] }],
  [
    "openai",
    "tools[0].function.parameters",
    {
      model: "m",
      messages: [{ role: "user", content: "Hi" }],
      tools: [{ type: "function", function: { name: "f", parameters: DEEP } }],
    },
  ],
  ["anthropic", "messages", { model: "m", max_tokens: 16, messages: DEEP }],
  [
    "anthropic",
    "tools[0].input_schema",
    {
      model: "m",
      max_tokens: 16,
      messages: [{ role: "user", content: "Hi" }],
      tools: [{ name: "f", input_schema: DEEP }],
    },
  ],
  [
    "anthropic",
    "system",
    { model: "m", max_tokens: 16, system: DEEP, messages: [{ role: "user", content: "Hi" }] },
  ],
  ["gemini", "contents", { contents: DEEP }],
  ["gemini", "contents[0].parts", { contents: [{ role: "user", parts: DEEP }] }],
  [
    "gemini",
    "generationConfig.responseSchema",
    { contents: [{ role: "user", parts: [{ text: "Hi" }] }], generationConfig: { responseSchema: DEEP } },
  ],
  [
    "gemini",
    "systemInstruction",
    { systemInstruction: DEEP, contents: [{ role: "user", parts: [{ text: "Hi" }] }] },
  ],
  [
    "gemini",
    "tools[0].functionDeclarations[0].parameters",
    {
      contents: [{ role: "user", parts: [{ text: "Hi" }] }],
      tools: [{ functionDeclarations: [{ name: "f", parameters: DEEP }] }],
    },
  ],
];

let fake: FakeServer;
let gw: TestGateway;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  // Model `m` exists and is served, so only the body itself can be refused.
  gw = await startTestGateway({
    providers: [{ name: "fake", baseUrl: fake.url, apiKey: "sk-fake", models: ["m"] }],
  });
});
afterAll(async () => {
  await gw?.close();
  await fake?.close();
});

function post(surface: SurfaceName, body: string) {
  return fetch(`${gw.url}${CHAT_PATHS[surface]}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...keyHeader(surface, gw.key) },
    body,
  });
}

describe(`bodies nested ${LEVELS.toLocaleString("en")} deep`, () => {
  const kinds = ["arrays", "objects", "mixed"] as const;
  it.each(CASES.flatMap(([s, field, t]) => kinds.map((k) => [s, field, k, t] as const)))(
    "%s: %s as %s → 400 in the surface's shape, nothing sent upstream",
    async (surface, _field, kind, template) => {
      fake.requests.length = 0;
      const body = JSON.stringify(template).replace(`"${DEEP}"`, deepText(LEVELS, kind));
      const res = await post(surface, body);
      const text = await res.text();
      expect(res.status, text).toBe(400);
      const message = surfaceErrorMessage(surface, text);
      expect(message, text).toMatch(/deeper than \d+ levels/);
      expect(fake.requests).toHaveLength(0);
    },
  );

  it.each(["openai", "anthropic", "gemini"] as const)(
    "%s: the same bodies with shallow content are served (the refusal is the depth's)",
    async (surface) => {
      const template = CASES.find(([s]) => s === surface)![2];
      const shallow = JSON.stringify(template).replace(
        `"${DEEP}"`,
        surface === "gemini"
          ? '[{"role":"user","parts":[{"text":"Hi"}]}]'
          : '[{"role":"user","content":"Hi"}]',
      );
      const res = await post(surface, shallow);
      expect(res.status, await res.text()).toBe(200);
    },
  );
});
