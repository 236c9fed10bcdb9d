import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { type ClientDriver, clientDrivers } from "./client-drivers.js";
import { type MatrixUpstream, startMatrixUpstreams } from "./upstream-fixtures.js";

let upstreams: MatrixUpstream[];
let gw: TestGateway;
let drivers: ClientDriver[];

beforeAll(async () => {
  upstreams = await startMatrixUpstreams();
  // Retries off, so a single injected upstream error reaches the client (retries: resilience.e2e).
  gw = await startTestGateway({
    providers: upstreams.map((u) => u.provider),
    retryPolicy: { maxAttempts: 1 },
  });
  drivers = clientDrivers(gw.url, gw.key);
});
afterAll(async () => {
  await gw.close();
  for (const u of upstreams ?? []) for (const f of [u.fake, ...(u.helpers ?? [])]) await f.close();
});

const SURFACES = ["openai", "anthropic", "gemini"] as const;
const UPSTREAMS = ["openai", "anthropic", "gemini", "ollama", "bedrock", "azure", "vertex"] as const;
const SYSTEM = "You are terse.";

function cell(surface: string, upstream: string) {
  return {
    driver: drivers.find((d) => d.name === surface)!,
    up: upstreams.find((u) => u.kind === upstream)!,
  };
}

describe.each(SURFACES)("%s client", (surface) => {
  describe.each(UPSTREAMS)("→ %s upstream", (upstream) => {
    it.each([false, true])("text (stream: %s): answer, system prompt and usage survive", async (stream) => {
      const { driver, up } = cell(surface, upstream);
      up.fake.requests.length = 0;
      const out = await driver.chat({ model: up.model, system: SYSTEM, user: "Say hello", stream });
      expect(out.text).toMatch(/^Hello from fake-\w+ lorem ipsum$/);
      expect(out.toolCalls).toEqual([]);
      expect(out.outputTokens).toBe(5);
      expect(out.inputTokens).toBeGreaterThan(0);
      expect(up.systemOf(up.fake.requests[0]!.json)).toBe(SYSTEM);
      expect(up.fake.requests[0]!.path).toMatch(up.path);
    });

    it.each([false, true])("tool call (stream: %s): name and arguments survive", async (stream) => {
      const { driver, up } = cell(surface, upstream);
      const out = await driver.chat({
        model: up.model,
        system: SYSTEM,
        user: "please call tool",
        stream,
        tools: true,
      });
      expect(out.toolCalls).toEqual([{ name: "lookup", args: { q: "x" } }]);
    });

    it("an upstream 429 reaches the client as its protocol's 429", async () => {
      const { driver, up } = cell(surface, upstream);
      up.fake.setMode("error-429", 1);
      expect(await driver.errorStatus({ model: up.model, system: SYSTEM, user: "x", stream: false })).toBe(
        429,
      );
    });

    it("an upstream 500 reaches the client as a 5xx in its protocol", async () => {
      const { driver, up } = cell(surface, upstream);
      up.fake.setMode("error-500", 1);
      const status = await driver.errorStatus({ model: up.model, system: SYSTEM, user: "x", stream: false });
      expect(status).toBeGreaterThanOrEqual(500);
    });
  });
});
