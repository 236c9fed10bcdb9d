import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startScriptNodeFlags } from "./gatehouse.mjs";

describe("startScriptNodeFlags", () => {
  it("reads the flags between node and the entry file", () => {
    expect(startScriptNodeFlags("node --max-semi-space-size=4 --foo apps/cli/dist/main.js start")).toEqual([
      "--max-semi-space-size=4",
      "--foo",
    ]);
    expect(startScriptNodeFlags("node apps/cli/dist/main.js start")).toEqual([]);
  });

  it("refuses a start script that is not a node command", () => {
    expect(() => startScriptNodeFlags("tsx apps/cli/src/main.ts start")).toThrow("does not run node");
  });

  it("reads this repository's start script", () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "..", "package.json"), "utf8"));
    expect(startScriptNodeFlags(pkg.scripts.start).every((f) => f.startsWith("--"))).toBe(true);
  });
});
