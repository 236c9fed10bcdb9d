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

describe("parsePendingUsage / parseUsageFinal", () => {
  it("refuse a record with any field missing, mistyped or not finite", () => {
    fc.assert(
      fc.property(pendingUsageArb, usageFinalArb, fc.nat(), (p, f, i) => {
        const pKeys = Object.keys(p);
        const fKeys = Object.keys(f);
        const pKey = pKeys[i % pKeys.length]!;
        const fKey = fKeys[i % fKeys.length]!;
        expect(parsePendingUsage({ ...p, [pKey]: undefined })).toBeUndefined();
        expect(parseUsageFinal({ ...f, [fKey]: undefined })).toBeUndefined();
        expect(parsePendingUsage({ ...p, [pKey]: { nested: true } })).toBeUndefined();
        expect(parseUsageFinal({ ...f, [fKey]: { nested: true } })).toBeUndefined();
      }),
    );
    expect(parsePendingUsage({ ...fc.sample(pendingUsageArb, 1)[0], startedAt: Infinity })).toBeUndefined();
    expect(parsePendingUsage({ ...fc.sample(pendingUsageArb, 1)[0], id: "" })).toBeUndefined();
    expect(parseUsageFinal({ ...fc.sample(usageFinalArb, 1)[0], status: "pending" })).toBeUndefined();
  });

  it("keep only the record's own fields", () => {
    const [p] = fc.sample(pendingUsageArb, 1);
    expect(parsePendingUsage({ ...p, extra: 1 })).toEqual(p);
  });
});
