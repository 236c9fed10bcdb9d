import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { jsonValueArb } from "../testing/json-value-arb.js";
import { decodeGeminiRequest } from "./decode-gemini-request.js";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8"));

describe("decodeGeminiRequest on hostile input", () => {
  it("never throws anything but a 400-class GatewayError on arbitrary JSON", () => {
    fc.assert(
      fc.property(jsonValueArb, (body) => {
        try {
          decodeGeminiRequest(body, "m", false);
        } catch (err) {
          expect(err).toBeInstanceOf(GatewayError);
          expect((err as GatewayError).status).toBe(400);
        }
      }),
    );
  });

  it("never throws anything but a 400-class GatewayError on mutated valid bodies", () => {
    const base = fixture("request-multi-turn.json");
    const paths = collectPaths(base);
    fc.assert(
      fc.property(fc.constantFrom(...paths), jsonValueArb, (path, value) => {
        const body = structuredClone(base);
        setPath(body, path, value);
        try {
          decodeGeminiRequest(body, "m", false);
        } catch (err) {
          expect(err).toBeInstanceOf(GatewayError);
          expect((err as GatewayError).status).toBe(400);
        }
      }),
      { numRuns: 500 },
    );
  });
});

type Path = Array<string | number>;

function collectPaths(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...collectPaths(v, [...at, i]));
  } else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) out.push(...collectPaths(v, [...at, k]));
  }
  return out.filter((p) => p.length > 0);
}

function setPath(root: unknown, path: Path, value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
}
