import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeSpoolLines } from "./decode-spool-lines.js";
import { encodeFinalLine, encodePendingLine } from "./encode-spool-line.js";
import { parsePendingUsage, parseUsageFinal } from "./parse-usage-records.js";
import { pendingUsageArb, spoolEntriesArb, usageFinalArb } from "./testing/usage-record-arbs.js";

type Entry = { kind: "p" | "f"; record: unknown };

function encode(entries: readonly Entry[]): Buffer[] {
  return entries.map((e) =>
    Buffer.from(e.kind === "p" ? encodePendingLine(e.record as never) : encodeFinalLine(e.record as never)),
  );
}

const expected = (entries: readonly Entry[]) => ({
  pending: entries.filter((e) => e.kind === "p").map((e) => e.record),
  finals: entries.filter((e) => e.kind === "f").map((e) => e.record),
});

describe("spool lines", () => {
  it("decode what was encoded, in order, whatever the strings hold", () => {
    fc.assert(
      fc.property(spoolEntriesArb, (entries) => {
        const decoded = decodeSpoolLines(Buffer.concat(encode(entries)));
        expect(decoded).toEqual({ ...expected(entries), invalid: 0, tornBytes: 0 });
      }),
    );
  });

  it("ignore a torn last line: any prefix decodes to exactly the lines it holds whole", () => {
    fc.assert(
      fc.property(spoolEntriesArb, fc.nat(), (entries, cutSeed) => {
        const lines = encode(entries);
        const all = Buffer.concat(lines);
        const cut = all.length === 0 ? 0 : cutSeed % (all.length + 1);
        let whole = 0;
        let bytes = 0;
        while (whole < lines.length && bytes + lines[whole]!.length <= cut) bytes += lines[whole++]!.length;
        const decoded = decodeSpoolLines(all.subarray(0, cut));
        expect(decoded).toEqual({ ...expected(entries.slice(0, whole)), invalid: 0, tornBytes: cut - bytes });
      }),
    );
  });

  it("never throw on arbitrary bytes, and return only valid records", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const decoded = decodeSpoolLines(bytes);
        for (const r of decoded.pending) expect(parsePendingUsage(r)).toEqual(r);
        for (const f of decoded.finals) expect(parseUsageFinal(f)).toEqual(f);
      }),
    );
  });

  it("skip a corrupt line and count it, keeping the lines around it", () => {
    fc.assert(
      fc.property(pendingUsageArb, usageFinalArb, fc.string(), (p, f, junk) => {
        const garbage = junk.replaceAll("\n", " ") + "\u0000\n";
        const decoded = decodeSpoolLines(
          Buffer.from(encodePendingLine(p) + garbage + '{"k":"p","r":{"id":"x"}}\n' + encodeFinalLine(f)),
        );
        expect(decoded).toEqual({ pending: [p], finals: [f], invalid: 2, tornBytes: 0 });
      }),
    );
  });
});

/** Fields a spool line written before migration 0007 lacks: absent, they read as nothing reported. */
const ADDED_IN_0007: ReadonlySet<string> = new Set([
  "userId",
  "cacheWrite1hTokens",
  "imageTokens",
  "audioTokens",
  "priceVersion",
  "unpriced",
  "streamOutcome",
  "latencyMs",
]);

describe("parsePendingUsage / parseUsageFinal", () => {
  it("refuse a record with any field missing, mistyped or not finite", () => {
    fc.assert(
      fc.property(pendingUsageArb, usageFinalArb, fc.nat(), (p, f, i) => {
        const pKeys = Object.keys(p);
        const fKeys = Object.keys(f);
        const pKey = pKeys[i % pKeys.length]!;
        const fKey = fKeys[i % fKeys.length]!;
        if (!ADDED_IN_0007.has(pKey)) expect(parsePendingUsage({ ...p, [pKey]: undefined })).toBeUndefined();
        if (!ADDED_IN_0007.has(fKey)) expect(parseUsageFinal({ ...f, [fKey]: undefined })).toBeUndefined();
        expect(parsePendingUsage({ ...p, [pKey]: { nested: true } })).toBeUndefined();
        expect(parseUsageFinal({ ...f, [fKey]: { nested: true } })).toBeUndefined();
      }),
    );
    expect(parsePendingUsage({ ...fc.sample(pendingUsageArb, 1)[0], startedAt: Infinity })).toBeUndefined();
    expect(parsePendingUsage({ ...fc.sample(pendingUsageArb, 1)[0], id: "" })).toBeUndefined();
    expect(parseUsageFinal({ ...fc.sample(usageFinalArb, 1)[0], status: "pending" })).toBeUndefined();
  });

  it("read lines spooled before migration 0007 (no user, no token details) as nothing reported", () => {
    const [p] = fc.sample(pendingUsageArb, 1);
    const [f] = fc.sample(usageFinalArb, 1);
    const old = (r: object) => Object.fromEntries(Object.entries(r).filter(([k]) => !ADDED_IN_0007.has(k)));
    expect(parsePendingUsage(old(p!))).toEqual({ ...p, userId: null });
    expect(parseUsageFinal(old(f!))).toEqual({
      ...f,
      cacheWrite1hTokens: 0,
      imageTokens: 0,
      audioTokens: 0,
      priceVersion: null,
      unpriced: false,
      streamOutcome: null,
      latencyMs: null,
    });
  });

  it("keep only the record's own fields", () => {
    const [p] = fc.sample(pendingUsageArb, 1);
    expect(parsePendingUsage({ ...p, extra: 1 })).toEqual(p);
  });
});
