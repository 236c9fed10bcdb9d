import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pendingUsage, usageFinal } from "../../store/usage/testing/usage-records.js";
import { USAGE_CSV_COLUMNS, usageCsvRow } from "./usage-csv.js";

/** A strict RFC 4180 line parser (one record, no line breaks outside quotes). */
function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let cell = "";
      i++;
      for (;;) {
        if (line[i] === '"' && line[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else cell += line[i++];
      }
      cells.push(cell);
      i++;
    } else {
      const end = line.indexOf(",", i);
      cells.push(line.slice(i, end === -1 ? line.length : end));
      i = end === -1 ? line.length + 1 : end + 1;
    }
  }
  return cells;
}

describe("usageCsvRow", () => {
  it("writes one cell per column, any text round-trips, and no cell starts a formula", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.option(fc.string(), { nil: null }),
        (model, id, priceVersion) => {
          const record = {
            ...pendingUsage(id, "ten_a", 1_765_000_000_000, { model }),
            ...usageFinal(id, { priceVersion }),
            status: "success" as const,
            finishedAt: 1,
          };
          const cells = parseCsvLine(usageCsvRow(record));
          expect(cells).toHaveLength(USAGE_CSV_COLUMNS.length);
          const at = (name: (typeof USAGE_CSV_COLUMNS)[number]) => cells[USAGE_CSV_COLUMNS.indexOf(name)]!;
          const unguard = (text: string) => (/^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text);
          expect(unguard(at("model"))).toBe(model);
          expect(unguard(at("request_id"))).toBe(id);
          expect(unguard(at("price_version"))).toBe(priceVersion ?? "");
          for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        },
      ),
    );
  });
});
