import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The server's layers, lowest first (docs/architecture.md, "Layers"). A production file may import its
 * own folder and folders of lower layers only, so that, e.g., the store never depends on the data plane
 * and the control plane never on the data plane's runtime. The composition layer (process start,
 * createApp, first run) wires everything and may import anything.
 */
const LAYERS: readonly (readonly string[])[] = [
  ["domain"],
  ["config", "crypto", "security", "logging", "resilience"],
  ["store", "upstream", "email"],
  ["providers", "media", "capture", "chat-files"],
  ["routing", "auth", "metering", "metrics", "services", "identity", "limits", "budgets"],
  ["data-plane"],
  ["billing"],
  ["control-plane", "console"],
];
const COMPOSITION = new Set(["bootstrap", "runtime", "create-app.ts", "health-routes.ts", "index.ts"]);

const src = dirname(fileURLToPath(import.meta.url));
const repo = resolve(src, "../../..");

function layerOf(top: string): number | "composition" | undefined {
  if (COMPOSITION.has(top)) return "composition";
  const i = LAYERS.findIndex((l) => l.includes(top));
  return i === -1 ? undefined : i;
}

/** Production .ts files under `dir` (tests, test helpers and end-to-end suites are not layered). */
function productionFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "testing" && entry.name !== "e2e" && entry.name !== "__fixtures__")
        out.push(...productionFiles(path));
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

/** The module specifiers a file imports or re-exports. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^(?:import|export)[^;]*?from "([^"]+)";/gms)].map((m) => m[1]!);
}

function topOf(file: string): string {
  return relative(src, file).split("/")[0]!;
}

describe("server layers", () => {
  it("knows every top-level folder and file of the server", () => {
    const unknown = readdirSync(src)
      .filter((name) => !name.endsWith(".test.ts") && name !== "testing" && name !== "e2e")
      .filter((name) => layerOf(name) === undefined);
    expect(unknown).toEqual([]);
  });

  it("lets a production file import only its own folder and lower layers", () => {
    const violations: string[] = [];
    for (const file of productionFiles(src)) {
      const from = topOf(file);
      const fromLayer = layerOf(from);
      if (fromLayer === "composition") continue;
      for (const spec of importsOf(file).filter((s) => s.startsWith("."))) {
        const to = topOf(resolve(dirname(file), spec));
        if (to === from) continue;
        const toLayer = layerOf(to);
        if (
          toLayer === "composition" ||
          toLayer === undefined ||
          fromLayer === undefined ||
          toLayer >= fromLayer
        )
          violations.push(`${relative(src, file)} imports ${spec} (${from} → ${to})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("sees a violation when there is one (the check itself works)", () => {
    expect(layerOf("store")).toBeLessThan(layerOf("data-plane") as number);
    const storeFiles = productionFiles(join(src, "store"));
    expect(storeFiles.length).toBeGreaterThan(5);
    expect(importsOf(join(src, "data-plane", "pipeline", "run-operation.ts"))).toContain("./authenticate.js");
  });
});

describe("packages", () => {
  const scoped = (dir: string) =>
    productionFiles(join(repo, dir)).flatMap((f) =>
      importsOf(f)
        .filter(
          (s) =>
            s.startsWith("@gatehouse/") ||
            (s.startsWith(".") && !resolve(dirname(f), s).startsWith(join(repo, dir))),
        )
        .map((s) => `${relative(repo, f)} imports ${s}`),
    );

  it("protocol depends on nothing of ours", () => {
    expect(scoped("packages/protocol/src")).toEqual([]);
  });

  it("test-support depends on protocol only", () => {
    expect(scoped("test-support/src").filter((line) => !line.endsWith("@gatehouse/protocol"))).toEqual([]);
  });
});
