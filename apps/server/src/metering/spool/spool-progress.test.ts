import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SpoolProgress } from "./spool-progress.js";

describe("SpoolProgress", () => {
  it("hands over each appended byte once, with seals, and counts records until committed", () => {
    const p = new SpoolProgress();
    p.appended(1, 100, 2);
    p.appended(1, 250, 3);
    expect(p.takeUnposted()).toEqual([{ seq: 1, from: 0, to: 250, sealed: false }]);
    expect(p.takeUnposted()).toEqual([]);
    p.seal(1);
    p.appended(2, 80, 1);
    expect(p.takeUnposted()).toEqual([
      { seq: 1, from: 250, to: 250, sealed: true },
      { seq: 2, from: 0, to: 80, sealed: false },
    ]);
    expect(p.backlog).toBe(6);
    expect(p.backlogBytes).toBe(330);
    p.committed([{ seq: 1, from: 0, to: 100, sealed: false }]);
    expect(p.backlog).toBe(4);
    p.committed([
      { seq: 1, from: 100, to: 250, sealed: true },
      { seq: 2, from: 0, to: 80, sealed: false },
    ]);
    expect(p.backlog).toBe(0);
    expect(p.backlogBytes).toBe(0);
    expect(p.drained).toBe(true);
  });

  it("after rewind hands over again everything not committed (a new writer thread)", () => {
    const p = new SpoolProgress();
    p.addLeftover(1, 500);
    p.appended(2, 100, 1);
    p.takeUnposted();
    p.committed([{ seq: 1, from: 0, to: 500, sealed: true }]);
    p.appended(2, 180, 1);
    p.seal(2);
    p.takeUnposted();
    p.rewind();
    expect(p.takeUnposted()).toEqual([{ seq: 2, from: 0, to: 180, sealed: true }]);
    expect(p.drained).toBe(false);
  });

  it("is drained and balanced once everything handed over is committed, whatever the order of events", () => {
    const event = fc.oneof(
      fc.record({ t: fc.constant("append" as const), bytes: fc.integer({ min: 1, max: 50 }), n: fc.nat(3) }),
      fc.constant({ t: "seal" as const }),
      fc.constant({ t: "commitSome" as const }),
      fc.constant({ t: "rewind" as const }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        const p = new SpoolProgress();
        let seq = 1;
        let size = 0;
        let inFlight: ReturnType<SpoolProgress["takeUnposted"]> = [];
        let appended = 0;
        for (const e of events) {
          if (e.t === "append") {
            size += e.bytes;
            appended += e.n;
            p.appended(seq, size, e.n);
          } else if (e.t === "seal" && size > 0) {
            p.seal(seq++);
            size = 0;
          } else if (e.t === "commitSome") {
            inFlight.push(...p.takeUnposted());
            p.committed(inFlight.splice(0, 1));
          } else if (e.t === "rewind") {
            inFlight = [];
            p.rewind();
          }
          expect(p.backlog).toBeGreaterThanOrEqual(0);
          expect(p.backlog).toBeLessThanOrEqual(appended);
        }
        if (size > 0) p.seal(seq);
        p.committed([...inFlight, ...p.takeUnposted()]);
        expect(p.backlog).toBe(0);
        expect(p.backlogBytes).toBe(0);
        expect(p.committedCount).toBe(appended);
        expect(p.drained).toBe(true);
      }),
    );
  });
});
