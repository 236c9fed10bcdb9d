import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseConfigFile } from "./parse-config-file.js";

/** Lines numbered in comments so each expectation can be checked by eye. */
const BROKEN = `version: 1
providers:
  - name: openai
    kind: openai
    baseUrl: https://api.openai.com/v1
    credentials:
      apiKey: sk-live-do-not-echo-me
  - name: openai
    kind: azure
    baseUrl: https://res.openai.azure.com
    region: us-east-1
  - name: local
    kind: ollama
models:
  - name: gpt-4o
    prices: { input: "2.50", output: ten }
    deployments:
      - provider: openai
        upstreamModel: gpt-4o
        wieght: 2
      - provider: nowhere
        upstreamModel: gpt-4o
  - name: mini
    aliases: [gpt-4o]
    prices: { input: 0.15 }
    contextWindow: 0
`;

describe("parseConfigFile", () => {
  it("lists every problem of a file with its line and column, and rejects the whole file", () => {
    const r = parseConfigFile(BROKEN);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.line}:${e.column} ${e.path}: ${e.message}`)).toEqual([
      "7:15 providers[0].credentials.apiKey: is a literal secret; reference an environment variable instead: { env: VARIABLE_NAME }",
      "8:11 providers[1].name: provider 'openai' is declared twice",
      "11:13 providers[1].region: applies to kind bedrock, not azure",
      "12:5 providers[2]: needs baseUrl",
      "16:38 models[0].prices.output: must be USD per million tokens: a decimal with at most 9 decimals, e.g. 2.50",
      "20:9 models[0].deployments[0].wieght: unknown key 'wieght'",
      "21:19 models[0].deployments[1].provider: no provider named 'nowhere' in this file",
      "24:15 models[1].aliases[0]: 'gpt-4o' is already the name or an alias of models[0]",
      "25:13 models[1].prices.output: is required",
      "26:20 models[1].contextWindow: must be positive",
    ]);
    expect(JSON.stringify(r.errors)).not.toContain("sk-live");
  });

  it("reports YAML syntax errors and duplicate keys with their line", () => {
    const r = parseConfigFile("version: 1\nproviders:\n  - name: a\n    name: b\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ line: 4, path: "" });
    const bad = parseConfigFile("version: 1\nmodels: [\n");
    expect(bad.ok).toBe(false);
  });

  it("refuses secrets in base URLs and in the free-form config, and unknown top-level keys", () => {
    const r = parseConfigFile(`version: 1
providers:
  - name: p
    kind: openai
    baseUrl: https://user:pw@p.test/v1
    config: { apiKey: x, anthropicVersion: "2023-06-01" }
    apiKey: sk-x
routes: []
`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.line, e.path])).toEqual([
      [5, "providers[0].baseUrl"],
      [6, "providers[0].config.apiKey"],
      [7, "providers[0].apiKey"],
      [8, "routes"],
    ]);
    expect(r.errors[2]!.message).toContain("credentials: { apiKey: { env: VARIABLE_NAME } }");
  });

  it("a base URL that is no URL, or one Node cannot parse, is an error on its line, not a throw", () => {
    for (const url of ["not a url", "https://xn--.test/v1", "ftp://p.test"]) {
      const r = parseConfigFile(
        `version: 1\nproviders:\n  - name: p\n    kind: openai\n    baseUrl: ${url}\n`,
      );
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.errors.map((e) => [e.line, e.path])).toEqual([[5, "providers[0].baseUrl"]]);
    }
  });

  it("converts prices exactly: 0.15 and '2.5' are 150000000 and 2500000000 nano-USD", () => {
    const r = parseConfigFile(`version: 1
models:
  - name: a
    prices: { input: 0.15, output: "2.5" }
  - name: b
    prices: { input: "0.15", output: 2.5 }
  - name: c
    prices: { input: 0.000000001, output: 1234567.123456789 }
`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.models.map((m) => m.prices)).toEqual([
      { input: 150_000_000, output: 2_500_000_000 },
      { input: 150_000_000, output: 2_500_000_000 },
      { input: 1, output: 1_234_567_123_456_789 },
    ]);
  });

  it("any decimal price with up to 9 decimals becomes exactly its nano-USD value (property)", () => {
    const decimal = fc.tuple(
      fc.integer({ min: 0, max: 9_000_000 }),
      fc.integer({ min: 0, max: 999_999_999 }),
      fc.integer({ min: 1, max: 9 }),
      fc.boolean(),
    );
    fc.assert(
      fc.property(decimal, ([whole, fraction, digits, quoted]) => {
        const frac = String(fraction).padStart(9, "0").slice(0, digits);
        const text = `${whole}.${frac}`;
        const expected = BigInt(whole) * 1_000_000_000n + BigInt(frac.padEnd(9, "0"));
        const r = parseConfigFile(
          `version: 1\nmodels:\n  - name: m\n    prices: { input: ${quoted ? `"${text}"` : text}, output: 0 }\n`,
        );
        expect(r.ok).toBe(true);
        if (r.ok) expect(BigInt(r.config.models[0]!.prices.input)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("an alias without an anchor before it is an error at the alias, not a crash", () => {
    const r = parseConfigFile("version: 1\nproviders: *later\nmodels: &later []\n");
    expect(r).toEqual({
      ok: false,
      errors: [{ line: 2, column: 12, path: "", message: "this alias refers to no anchor set before it" }],
    });
  });

  it("an alias bomb is refused before it expands", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++)
      levels.push(
        `l${i}: &l${i} [${Array(10)
          .fill(i === 1 ? "*a" : `*l${i - 1}`)
          .join(", ")}]`,
      );
    const r = parseConfigFile(`version: 1\n${levels.join("\n")}\n`);
    expect(r).toEqual({
      ok: false,
      errors: [{ line: 1, column: 1, path: "", message: "aliases expand past 100 nodes" }],
    });
  });

  it("never throws, and every error points inside the file (property)", () => {
    const keys = fc.constantFrom(
      "version",
      "providers",
      "models",
      "name",
      "kind",
      "baseUrl",
      "prices",
      "input",
      "deployments",
      "provider",
      "credentials",
      "apiKey",
      "env",
      "x",
    );
    const value = fc.oneof(
      fc.constantFrom(
        "1",
        "openai",
        "[]",
        "{}",
        "- a",
        "0.15",
        "{ env: A }",
        "sk-1",
        "",
        "null",
        "&a 1",
        "*a",
        "*!",
      ),
      fc.string({ maxLength: 8 }),
    );
    const line = fc
      .tuple(fc.integer({ min: 0, max: 6 }), fc.option(fc.constant("- "), { nil: "" }), keys, value)
      .map(([indent, dash, key, v]) => `${" ".repeat(indent)}${dash}${key}: ${v}`);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const text = lines.join("\n");
        const r = parseConfigFile(text);
        if (r.ok) return;
        expect(r.errors.length).toBeGreaterThan(0);
        for (const e of r.errors) {
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.line).toBeLessThanOrEqual(Math.max(lines.length, 1) + 1);
          expect(e.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
