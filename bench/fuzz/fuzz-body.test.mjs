import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FUZZ_KINDS, fuzzBody, MAX_DEPTH, typeOf, valueAt } from "./fuzz-body.mjs";
import { SURFACES } from "./surface-requests.mjs";

const surfaceArb = fc.constantFrom(...Object.keys(SURFACES));
const seedArb = fc.integer({ min: 0, max: 2 ** 31 });
const indexOf = (kind, n) => FUZZ_KINDS.indexOf(kind) + FUZZ_KINDS.length * n;
const bodyArb = (kind) =>
  fc.tuple(surfaceArb, seedArb, fc.nat(300)).map(([surface, seed, n]) => ({
    surface,
    seed,
    fuzzed: fuzzBody(surface, { seed, index: indexOf(kind, n) }),
  }));
const validOf = (f) => SURFACES[f.surface].body("bench-model", f.stream);
const utf8 = new TextDecoder("utf-8", { fatal: true });

describe("fuzzBody", () => {
  it("gives the same bytes for the same seed, surface and index", () => {
    fc.assert(
      fc.property(surfaceArb, seedArb, fc.nat(5000), (surface, seed, index) => {
        const a = fuzzBody(surface, { seed, index });
        const b = fuzzBody(surface, { seed, index });
        expect(a.kind).toBe(FUZZ_KINDS[index % FUZZ_KINDS.length]);
        expect(b.body.equals(a.body)).toBe(true);
        expect(b.detail).toBe(a.detail);
      }),
    );
  });

  it("gives other bodies under another seed", () => {
    const bodies = (seed) =>
      Array.from({ length: 70 }, (_, index) => fuzzBody("openai", { seed, index }).body);
    const [a, b] = [bodies(1), bodies(2)];
    expect(a.filter((body, i) => !body.equals(b[i])).length).toBeGreaterThan(40);
  });

  it("leaves the control bodies valid, as the surface's own request", () => {
    fc.assert(
      fc.property(bodyArb("valid"), ({ fuzzed }) => {
        expect(JSON.parse(fuzzed.body.toString())).toEqual(validOf(fuzzed));
      }),
    );
  });

  it("nests deeply as valid JSON text, at most MAX_DEPTH deep", () => {
    fc.assert(
      fc.property(bodyArb("deep-nesting"), ({ fuzzed }) => {
        const text = fuzzed.body.toString();
        expect(fuzzed.depth).toBeLessThanOrEqual(MAX_DEPTH);
        expect(text.includes("[".repeat(fuzzed.depth)) || text.includes('{"a":'.repeat(fuzzed.depth))).toBe(
          true,
        );
        expect(() => JSON.parse(text)).not.toThrow();
      }),
      { numRuns: 30 },
    );
  });

  it("reaches MAX_DEPTH and every kind within 2,000 bodies", () => {
    const all = Array.from({ length: 2000 }, (_, index) => fuzzBody("anthropic", { seed: 1, index }));
    expect(new Set(all.map((f) => f.kind))).toEqual(new Set(FUZZ_KINDS));
    expect(Math.max(...all.map((f) => f.depth ?? 0))).toBe(MAX_DEPTH);
  });

  it("writes huge number literals that still parse as JSON", () => {
    fc.assert(
      fc.property(bodyArb("huge-number"), ({ fuzzed }) => {
        const text = fuzzed.body.toString();
        expect(text).toContain(fuzzed.raw);
        expect(typeOf(valueAt(JSON.parse(text), fuzzed.path))).toBe("number");
      }),
      { numRuns: 50 },
    );
  });

  it("puts a value of another type where the structure was", () => {
    fc.assert(
      fc.property(bodyArb("wrong-type"), ({ fuzzed }) => {
        const parsed = JSON.parse(fuzzed.body.toString());
        expect(typeOf(valueAt(parsed, fuzzed.path))).not.toBe(typeOf(valueAt(validOf(fuzzed), fuzzed.path)));
      }),
    );
  });

  it("cuts valid JSON short: a strict prefix that never parses", () => {
    fc.assert(
      fc.property(bodyArb("truncated"), ({ fuzzed }) => {
        const whole = Buffer.from(JSON.stringify(validOf(fuzzed)));
        expect(fuzzed.body.length).toBeLessThan(whole.length);
        expect(whole.subarray(0, fuzzed.body.length).equals(fuzzed.body)).toBe(true);
        expect(() => JSON.parse(fuzzed.body.toString())).toThrow();
      }),
    );
  });

  it("sends at most 2 KiB of random bytes", () => {
    fc.assert(
      fc.property(bodyArb("random-bytes"), ({ fuzzed }) => {
        expect(fuzzed.body.length).toBeLessThanOrEqual(2048);
      }),
    );
  });

  it("puts bytes that are not UTF-8 inside a string of a valid body", () => {
    fc.assert(
      fc.property(bodyArb("invalid-utf8"), ({ fuzzed }) => {
        expect(() => utf8.decode(fuzzed.body)).toThrow();
        // Decoded leniently, it is the valid body with that one string replaced.
        const parsed = JSON.parse(fuzzed.body.toString("utf8"));
        expect(typeof valueAt(parsed, fuzzed.path)).toBe("string");
        expect(valueAt(parsed, fuzzed.path)).not.toBe(valueAt(validOf(fuzzed), fuzzed.path));
      }),
    );
  });
});
