import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SpoolAppender, type SpoolFileIo } from "./spool-appender.js";
import { listSegmentFiles, segmentPath } from "./spool-segment-files.js";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const fresh = () => (dir = mkdtempSync(join(tmpdir(), "gh-append-")));
const io: SpoolFileIo = { openSync, writeSync, ftruncateSync, closeSync };
const line = (s: string) => Buffer.from(`${s}\n`);

describe("SpoolAppender", () => {
  it("appends to a segment until it reaches its size, then seals it and opens the next", () => {
    const a = new SpoolAppender(fresh(), 7, 10);
    expect(a.append(line("aaaa"))).toEqual({ seq: 7, end: 5 });
    expect(a.append(line("bbbbb"))).toEqual({ seq: 7, end: 11 });
    expect(a.takeSealed()).toEqual([]);
    expect(a.append(line("c"))).toEqual({ seq: 8, end: 2 });
    expect(a.takeSealed()).toEqual([7]);
    expect(readFileSync(segmentPath(dir, 7), "utf8")).toBe("aaaa\nbbbbb\n");
    a.seal();
    expect(a.takeSealed()).toEqual([8]);
    expect(listSegmentFiles(dir)).toEqual([
      { seq: 7, size: 11 },
      { seq: 8, size: 2 },
    ]);
  });

  it("cuts a failed append back off the file and goes on where it was", () => {
    let fail = false;
    const a = new SpoolAppender(fresh(), 1, 1_000, {
      ...io,
      writeSync: (fd, buf, off, len, pos) => {
        if (!fail) return writeSync(fd, buf, off, len, pos);
        fail = false;
        writeSync(fd, buf, off, 3, pos);
        throw Object.assign(new Error("ENOSPC"), { code: "ENOSPC" });
      },
    });
    a.append(line("one"));
    fail = true;
    expect(() => a.append(line("two-two"))).toThrow("ENOSPC");
    expect(readFileSync(segmentPath(dir, 1), "utf8")).toBe("one\n");
    expect(a.append(line("three"))).toEqual({ seq: 1, end: 10 });
    expect(readFileSync(segmentPath(dir, 1), "utf8")).toBe("one\nthree\n");
  });

  it("seals a segment it could not cut back, so nothing is ever appended after a stray tail", () => {
    const a = new SpoolAppender(fresh(), 1, 1_000, {
      ...io,
      writeSync: (fd, buf, off, _len, pos) => {
        writeSync(fd, buf, off, 2, pos);
        throw Object.assign(new Error("EIO"), { code: "EIO" });
      },
      ftruncateSync: () => {
        throw Object.assign(new Error("EIO"), { code: "EIO" });
      },
    });
    expect(() => a.append(line("x"))).toThrow("EIO");
    expect(a.takeSealed()).toEqual([1]);
  });

  it("never overwrites an existing segment file", () => {
    const a = new SpoolAppender(fresh(), 1, 1_000);
    a.append(line("x"));
    expect(() => new SpoolAppender(dir, 1, 1_000).append(line("y"))).toThrow(/EEXIST/);
  });
});
