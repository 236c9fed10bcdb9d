import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..");

/** The V8 heap flags (docs/adr/0001-memory-footprint.md) wherever Gatehouse is launched. */
describe("node flags of the gatehouse process", () => {
  it("are the same in the bin's shebang and in the root start script, and tune the heap", () => {
    const shebang = readFileSync(join(root, "apps/cli/src/main.ts"), "utf8").split("\n")[0]!;
    const start = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.start as string;
    const fromShebang = shebang.replace(/^#!\/usr\/bin\/env -S node /, "").split(" ");
    const fromStart = start
      .replace(/^node /, "")
      .split(" apps/cli/dist/main.js")[0]!
      .split(" ");
    expect(fromShebang).toEqual(fromStart);
    expect(fromStart).toContain("--max-semi-space-size=4");
  });
});
