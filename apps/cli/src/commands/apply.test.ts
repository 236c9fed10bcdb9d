import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UsageError } from "../cli-error.js";
import type { CommandIo } from "../command.js";
import { openCliStorage } from "../open-cli-storage.js";
import { applyCommand } from "./apply.js";
import { exportCommand } from "./export.js";
import { modelsCommand } from "./models.js";

const FILE = `version: 1
workspaces:
  - name: default
  - name: staging
providers:
  - name: openai
    kind: openai
    baseUrl: https://api.openai.com/v1
    credentials:
      apiKey: { env: TEST_OPENAI_KEY }
  - name: aws
    kind: bedrock
    region: eu-west-1
    credentials:
      accessKeyId: { env: TEST_AWS_ID }
      secretAccessKey: { env: TEST_AWS_SECRET }
models:
  - name: gpt-4o-mini
    aliases: [mini]
    prices: { input: 0.15, output: "0.60" }
    contextWindow: 128000
    capabilities: { tools: true, vision: true }
    fallbacks: [nova]
    timeouts: { totalMs: 60000 }
    deployments:
      - { provider: openai, upstreamModel: gpt-4o-mini, weight: 3 }
      - { provider: aws, upstreamModel: amazon.nova-lite-v1:0, priority: 1, rpm: 500, region: eu-west-1 }
  - name: nova
    prices: { input: "2.5", output: 10 }
    strategy: lowest_latency
    deployments:
      - { provider: aws, upstreamModel: amazon.nova-pro-v1:0 }
`;

const ENV = {
  TEST_OPENAI_KEY: "sk-test-canary",
  TEST_AWS_ID: "AKIDEXAMPLE",
  TEST_AWS_SECRET: "aws-secret-canary",
};

let dir: string;
let out: string[];
let err: string[];
const io = (env: NodeJS.ProcessEnv = ENV): CommandIo => ({
  out: (l) => out.push(l),
  err: (l) => err.push(l),
  env,
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "gatehouse-apply-"));
  out = [];
  err = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const apply = (file: string, ...args: string[]) =>
  applyCommand(["-f", file, ...args, "--data-dir", join(dir, "data")], io());

/** Everything apply can change, and the configuration revision, to compare before and after. */
async function snapshot() {
  const s = await openCliStorage(io(), join(dir, "data"));
  try {
    return {
      revision: await s.store.revision(),
      workspaces: (await s.store.workspaces.list(s.tenant.id)).map((w) => w.name),
      providers: await s.store.providers.list(s.tenant.id),
      models: await s.store.models.list(s.tenant.id),
    };
  } finally {
    await s.store.close();
  }
}

describe("gatehouse apply", () => {
  it("applies a file with progress; applying it again plans nothing and changes nothing", async () => {
    const file = write("gatehouse.yaml", FILE);
    expect(await apply(file)).toBe(0);
    const first = out.join("\n");
    expect(first).toContain("+ provider aws (bedrock)");
    expect(first).toMatch(/\[1\/8\] \+ workspace staging: done/);
    expect(first).toMatch(/\[8\/8\] \+ deployment nova → aws\/amazon.nova-pro-v1:0 .*: done/);
    expect(first).toContain("Applied 8 changes.");
    expect(first).not.toContain("canary");

    const after = await snapshot();
    const mini = after.models.find((m) => m.name === "gpt-4o-mini")!;
    expect(mini.inputPricePerMTok).toBe(150_000_000);
    expect(mini.outputPricePerMTok).toBe(600_000_000);
    expect(after.models.find((m) => m.name === "nova")!.inputPricePerMTok).toBe(2_500_000_000);
    expect(mini.deployments.map((d) => [d.upstreamModel, d.weight, d.priority, d.rpm, d.region])).toEqual([
      ["gpt-4o-mini", 3, 0, null, null],
      ["amazon.nova-lite-v1:0", 1, 1, 500, "eu-west-1"],
    ]);
    const aws = after.providers.find((p) => p.name === "aws")!;
    expect(aws.baseUrl).toBe("https://bedrock-runtime.eu-west-1.amazonaws.com");
    expect(JSON.stringify(after)).not.toContain("canary");

    out = [];
    expect(await apply(file)).toBe(0);
    expect(out.join("\n")).toBe("No changes: the tenant matches the file.");
    expect(await snapshot()).toEqual(after);
  });

  it("--dry-run prints the plan and writes nothing", async () => {
    const file = write("gatehouse.yaml", FILE);
    const before = await snapshot();
    expect(await apply(file, "--dry-run")).toBe(0);
    expect(out.join("\n")).toContain("Plan: 8 to create, 0 to update, 0 to delete.");
    expect(out.join("\n")).toContain("Dry run: nothing was changed.");
    expect(await snapshot()).toEqual(before);
  });

  it("an unset credential variable is an error naming its line, before anything is written", async () => {
    const file = write("gatehouse.yaml", FILE);
    const before = await snapshot();
    const { TEST_AWS_SECRET: _, ...partial } = ENV;
    const code = await applyCommand(["-f", file, "--data-dir", join(dir, "data")], io(partial));
    expect(code).toBe(1);
    expect(err).toEqual([
      `${file}:16:31: providers[1].credentials.secretAccessKey.env: environment variable TEST_AWS_SECRET is not set`,
      `gatehouse: 1 problem in ${file}; nothing was applied.`,
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("a file with errors lists them all and writes nothing", async () => {
    const file = write(
      "bad.yaml",
      FILE.replace("{ env: TEST_OPENAI_KEY }", "sk-pasted").replace("weight: 3", "weigth: 3"),
    );
    const before = await snapshot();
    expect(await apply(file)).toBe(1);
    expect(err.slice(0, 2)).toEqual([
      `${file}:10:15: providers[0].credentials.apiKey: is a literal secret; reference an environment variable instead: { env: VARIABLE_NAME }`,
      `${file}:26:57: models[0].deployments[0].weigth: unknown key 'weigth'`,
    ]);
    expect(err.join("\n")).not.toContain("sk-pasted");
    expect(await snapshot()).toEqual(before);
  });

  it("stops at the first failing step and says what was done", async () => {
    const data = join(dir, "data");
    await modelsCommand(["add", "legacy", "--alias", "nova", "--data-dir", data], io());
    const file = write("gatehouse.yaml", FILE);
    expect(await apply(file)).toBe(1);
    expect(out.join("\n")).toMatch(
      /\[5\/8\] \+ model nova .*: failed: The name 'nova' is already used by the model 'legacy'/,
    );
    expect(err.join("\n")).toContain("apply stopped at + model nova");
    expect(err.join("\n")).toContain("done before it: 4 of 8; not attempted: 3.");
    const after = await snapshot();
    expect(after.models.map((m) => m.name)).toEqual(["gpt-4o-mini", "legacy"]);
    expect(after.models.find((m) => m.name === "gpt-4o-mini")!.deployments).toEqual([]);
  });

  it("keeps what the file leaves out, and deletes it with --prune", async () => {
    const file = write("gatehouse.yaml", FILE);
    expect(await apply(file)).toBe(0);
    const smaller = write(
      "smaller.yaml",
      FILE.replace(/ {2}- name: nova\n[\s\S]*$/, "").replace("fallbacks: [nova]", ""),
    );
    out = [];
    expect(await apply(smaller)).toBe(0);
    expect(out.join("\n")).toContain("Kept, not in the file (apply --prune deletes them):\n  model nova");
    out = [];
    expect(await apply(smaller, "--prune")).toBe(0);
    expect(out.join("\n")).toContain("- model nova (and its 1 deployment)");
    expect((await snapshot()).models.map((m) => m.name)).toEqual(["gpt-4o-mini"]);
  });

  it("renames a model with --prune, the new one taking the old name as an alias", async () => {
    expect(await apply(write("gatehouse.yaml", FILE))).toBe(0);
    const renamed = write(
      "renamed.yaml",
      FILE.replace("  - name: nova\n", "  - name: nova-pro\n    aliases: [nova]\n"),
    );
    out = [];
    expect(await apply(renamed, "--prune")).toBe(0);
    expect(out.join("\n")).toMatch(
      /\[1\/3\] - model nova \(and its 1 deployment\): done\n\[2\/3\] \+ model nova-pro/,
    );
    const models = (await snapshot()).models;
    expect(models.map((m) => [m.name, m.aliases])).toEqual([
      ["gpt-4o-mini", ["mini"]],
      ["nova-pro", ["nova"]],
    ]);
    out = [];
    expect(await apply(renamed, "--prune")).toBe(0);
    expect(out.join("\n")).toBe("No changes: the tenant matches the file.");
  });

  it("re-applies its own export without changes", async () => {
    expect(await apply(write("gatehouse.yaml", FILE))).toBe(0);
    const exported = join(dir, "exported.yaml");
    out = [];
    expect(await exportCommand(["-o", exported, "--data-dir", join(dir, "data")], io())).toBe(0);
    expect(out).toEqual([`Exported 2 providers and 2 models to ${exported}.`]);
    const text = readFileSync(exported, "utf8");
    expect(text).not.toContain("canary");
    expect(text).toContain("apiKey: { env: GATEHOUSE_OPENAI_API_KEY }");
    const env = {
      GATEHOUSE_OPENAI_API_KEY: ENV.TEST_OPENAI_KEY,
      GATEHOUSE_AWS_ACCESS_KEY_ID: ENV.TEST_AWS_ID,
      GATEHOUSE_AWS_SECRET_ACCESS_KEY: ENV.TEST_AWS_SECRET,
    };
    const before = await snapshot();
    out = [];
    expect(await applyCommand(["-f", exported, "--prune", "--data-dir", join(dir, "data")], io(env))).toBe(0);
    expect(out.join("\n")).toBe("No changes: the tenant matches the file.");
    expect(await snapshot()).toEqual(before);

    out = [];
    expect(await exportCommand(["--data-dir", join(dir, "data")], io())).toBe(0);
    expect(`${out.join("\n")}\n`).toBe(text);
  });

  it("prints help, and refuses a missing -f or stray arguments", async () => {
    expect(await applyCommand(["--help"], io())).toBe(0);
    expect(out.join("\n")).toContain("Usage: gatehouse apply -f FILE [--dry-run] [--prune]");
    expect(await exportCommand(["--help"], io())).toBe(0);
    expect(out.join("\n")).toContain("Usage: gatehouse export [-o FILE]");
    await expect(applyCommand([], io())).rejects.toThrow(UsageError);
    await expect(exportCommand(["x"], io())).rejects.toThrow(UsageError);
    expect(await applyCommand(["-f", join(dir, "missing.yaml")], io())).toBe(1);
    expect(err.at(-1)).toContain("cannot read");
  });
});
