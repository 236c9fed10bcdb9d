import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const NODE_FLOOR = "20.19.0";
// semver ships no types; it is installed as fastify's dependency, and only `satisfies` is needed here.
const semver = createRequire(import.meta.url)("semver") as {
  satisfies(version: string, range: string, options?: { includePrerelease?: boolean }): boolean;
};

/** Every installed production dependency of the workspaces, by its folder (deduplicated). */
function productionPackages(): string[] {
  const out = execFileSync("npm", ["ls", "--omit=dev", "--all", "--parseable"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const dirs = out.split("\n").filter((line) => line.includes("node_modules"));
  return [...new Set(dirs)];
}

describe("production dependencies", () => {
  // The product supports Node 20 (package.json engines); a dependency that declares a newer Node may use
  // APIs Node 20 lacks (cookie@2 through light-my-request did, until the root override pinned 6.6.0).
  it(`all declare support for Node ${NODE_FLOOR}`, () => {
    const refusing: string[] = [];
    const packages = productionPackages();
    expect(packages.length).toBeGreaterThan(20);
    for (const dir of packages) {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name: string;
        version: string;
        engines?: { node?: string };
      };
      const range = pkg.engines?.node;
      if (range !== undefined && !semver.satisfies(NODE_FLOOR, range, { includePrerelease: true })) {
        refusing.push(`${pkg.name}@${pkg.version} (node ${range})`);
      }
    }
    expect(refusing).toEqual([]);
  });
});
