import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadPriceCatalog } from "./load-price-catalog.js";
import { normalizeModelName } from "./price-catalog.js";
import data from "./price-catalog.json" with { type: "json" };

const catalog = loadPriceCatalog();
const at = (date: string) => Date.parse(`${date}T00:00:00Z`);

describe("loadPriceCatalog", () => {
  it("reads every price exactly into nano-USD, with a source URL per provider", () => {
    const gpt4o = catalog.find("openai", "gpt-4o", at("2026-01-01"))!;
    expect(gpt4o.prices).toEqual({ input: 2_500_000_000, output: 10_000_000_000, cacheRead: 1_250_000_000 });
    expect(catalog.find("openai", "gpt-4o-mini", at("2026-01-01"))!.prices.cacheRead).toBe(75_000_000);
    for (const e of catalog.entries) expect(catalog.sources[e.provider]).toMatch(/^https:\/\//);
  });

  it("covers the common models of every provider, Bedrock and Vertex names included", () => {
    const now = at("2026-01-01");
    const expectations: Array<[Parameters<typeof catalog.find>[0], string]> = [
      ["openai", "gpt-4.1-mini"],
      ["azure", "gpt-4o"],
      ["openai", "o4-mini"],
      ["openai", "text-embedding-3-small"],
      ["anthropic", "claude-opus-4-1-20250805"],
      ["anthropic", "claude-3-5-haiku-latest"],
      ["anthropic", "claude-haiku-4-5"],
      ["bedrock", "us.anthropic.claude-sonnet-4-20250514-v1:0"],
      ["bedrock", "anthropic.claude-3-5-haiku-20241022-v1:0"],
      ["vertex", "claude-sonnet-4-5@20250929"],
      ["gemini", "models/gemini-2.5-flash"],
      ["vertex", "gemini-2.0-flash-001"],
    ];
    for (const [kind, model] of expectations) expect(catalog.find(kind, model, now), model).toBeDefined();
    expect(catalog.find("ollama", "llama3.1:8b", now)).toMatchObject({
      version: "local/free@2024-01-01",
      prices: { input: 0, output: 0 },
    });
    // A name is priced only by the kinds that sell it at that price.
    expect(catalog.find("openai", "claude-sonnet-4-20250514", now)).toBeUndefined();
  });

  it("answers the version in effect at the request's time (o3's price cut of 2025-06-10)", () => {
    expect(catalog.find("openai", "o3", at("2025-06-09"))!.prices.input).toBe(10_000_000_000);
    expect(catalog.find("openai", "o3", at("2025-06-10"))).toMatchObject({
      version: "openai/o3@2025-06-10",
      prices: { input: 2_000_000_000, output: 8_000_000_000 },
    });
    expect(catalog.find("openai", "o3", at("2025-01-01"))).toBeUndefined();
  });

  it("carries Gemini 2.5 Pro's >200k tier and Anthropic's cache write TTL prices", () => {
    const pro = catalog.find("gemini", "gemini-2.5-pro", at("2026-01-01"))!.prices;
    expect(pro.promptTiers).toEqual([
      { aboveTokens: 200_000, input: 2_500_000_000, output: 15_000_000_000, cacheRead: 250_000_000 },
    ]);
    const opus = catalog.find("anthropic", "claude-opus-4-20250514", at("2026-01-01"))!.prices;
    expect([opus.cacheWrite5m, opus.cacheWrite1h]).toEqual([opus.input * 1.25, opus.input * 2]);
  });

  it("refuses a malformed file or a version id used twice", () => {
    const bad = structuredClone(data) as { entries: Array<{ prices: { input: string } }> };
    bad.entries[0]!.prices.input = "2.5e3";
    expect(() => loadPriceCatalog(bad)).toThrow();
    const twice = structuredClone(data) as { entries: unknown[] };
    twice.entries.push(twice.entries[0]);
    expect(() => loadPriceCatalog(twice)).toThrow(/appears twice/);
  });

  it("normalizes Gemini's models/ prefix and Bedrock's inference-profile geography", () => {
    expect(normalizeModelName("models/Gemini-2.5-Pro")).toBe("gemini-2.5-pro");
    expect(normalizeModelName("eu.anthropic.claude-3-7-sonnet-20250219-v1:0")).toBe(
      "anthropic.claude-3-7-sonnet-20250219-v1:0",
    );
    expect(normalizeModelName("us.example")).toBe("us.example");
  });

  it("is found by the BUILT server (tsc copies the JSON next to the compiled loader)", () => {
    const built = fileURLToPath(
      new URL("../../../dist/metering/pricing/load-price-catalog.js", import.meta.url),
    );
    if (!existsSync(built)) throw new Error(`build first (npx tsc -b): ${built} is missing`);
    const script = `import(${JSON.stringify(built)}).then((m) => console.log(m.loadPriceCatalog().entries.length))`;
    const out = execFileSync(process.execPath, ["-e", script], { encoding: "utf8" });
    expect(Number(out.trim())).toBe(catalog.entries.length);
  });
});
