import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { UsageError } from "../cli-error.js";
import type { CommandIo } from "../command.js";
import { run } from "../run.js";
import { modelsCommand } from "./models.js";
import { providersCommand } from "./providers.js";

let dir: string;
let out: string[] = [];
let err: string[] = [];
const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: {} };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gatehouse-models-"));
  await providersCommand(["add", "p1", "--base-url", "https://a.test/v1", "--data-dir", dir], io);
  await providersCommand(["add", "p2", "--base-url", "https://b.test/v1", "--data-dir", dir], io);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  out = [];
  err = [];
});

const models = (...args: string[]) => modelsCommand([...args, "--data-dir", dir], io);

/** A row of `models list --json`. */
interface ListedModel {
  name: string;
  deployments: Array<Record<string, unknown> & { id: string }>;
  [field: string]: unknown;
}

/** `models list --json`, one model by name. */
async function listed(name: string): Promise<ListedModel | undefined> {
  out = [];
  expect(await models("list", "--json")).toBe(0);
  const rows = JSON.parse(out.at(-1)!) as ListedModel[];
  return rows.find((r) => r.name === name);
}

describe("gatehouse models add and set", () => {
  it("adds a model without deployments, with the settings given, and lists them", async () => {
    const code = await models(
      "add",
      "gpt-4o",
      "--alias",
      "4o, omni",
      "--context-window",
      "128000",
      "--max-output",
      "16384",
      "--tools",
      "no",
      "--json",
      "yes",
      "--input-price",
      "2.50",
      "--output-price",
      "10",
    );
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^Added model gpt-4o \(mdl_/);
    expect(await listed("gpt-4o")).toMatchObject({
      aliases: ["4o", "omni"],
      contextWindow: 128_000,
      maxOutputTokens: 16_384,
      capabilities: { tools: false, json: true },
      inputPricePerMTok: 2_500_000_000,
      outputPricePerMTok: 10_000_000_000,
      unsupportedParams: "drop",
      balanceStrategy: "weighted_random",
      deployments: [],
    });
  });

  it("changes only the settings given, merging capabilities and timeouts", async () => {
    await models("add", "merge-me", "--tools", "no", "--timeout-ms", "60000");
    expect(
      await models(
        "set",
        "merge-me",
        "--vision",
        "yes",
        "--first-byte-timeout-ms",
        "5000",
        "--strategy",
        "least_in_flight",
        "--unsupported-params",
        "refuse",
        "--fallbacks",
        "gpt-4o,later-model",
        "--context-fallback",
        "gpt-4o",
        "--content-filter-fallback",
        "yes",
      ),
    ).toBe(0);
    expect(out.at(-1)).toContain("Updated model merge-me");
    // A fallback that does not exist yet is allowed, with a warning.
    expect(err).toEqual([expect.stringContaining("no model named 'later-model' yet")]);
    expect(await listed("merge-me")).toMatchObject({
      capabilities: { tools: false, vision: true },
      timeouts: { totalMs: 60_000, firstByteMs: 5_000 },
      balanceStrategy: "least_in_flight",
      unsupportedParams: "refuse",
      fallbackModels: ["gpt-4o", "later-model"],
      contextFallbackModel: "gpt-4o",
      contentFilterFallback: true,
    });
    await models(
      "set",
      "merge-me",
      "--tools",
      "unknown",
      "--timeout-ms",
      "none",
      "--fallbacks",
      "",
      "--context-fallback",
      "",
    );
    expect(await listed("merge-me")).toMatchObject({
      capabilities: { vision: true },
      timeouts: { firstByteMs: 5_000 },
      fallbackModels: [],
      contextFallbackModel: null,
    });
  });

  it("refuses bad values as usage errors, before touching the store", async () => {
    const cases: Array<[string[], string]> = [
      [["set", "gpt-4o", "--tools", "maybe"], "--tools takes yes or no (or unknown)"],
      [["set", "gpt-4o", "--strategy", "fastest"], "--strategy takes one of weighted_random"],
      [["set", "gpt-4o", "--unsupported-params", "ignore"], "--unsupported-params takes one of drop, refuse"],
      [["set", "gpt-4o", "--context-window", "-5"], "argument is ambiguous"],
      [["set", "gpt-4o", "--max-output", "lots"], "--max-output must be a positive integer"],
      [["set", "gpt-4o", "--input-price", "$2"], "--input-price: invalid price"],
      [["set", "gpt-4o"], "needs at least one setting"],
      [["list", "--alias", "x"], "Unknown option '--alias'"],
      [["set", "gpt-4o", "--provider", "p1"], "Unknown option '--provider'"],
      [["add"], "models add needs the model NAME"],
      [["rename", "x"], "unknown models command 'rename'"],
    ];
    for (const [args, message] of cases)
      await expect(models(...args), args.join(" ")).rejects.toThrow(message);
    await expect(models("set", "gpt-4o", "--tools", "maybe")).rejects.toBeInstanceOf(UsageError);
  });

  it("answers exit 1 for a model that does not exist, and the store's conflict for a taken alias", async () => {
    expect(await models("set", "nope", "--tools", "no")).toBe(1);
    expect(err[0]).toContain("no model named 'nope'");
    await expect(models("add", "other", "--alias", "omni")).rejects.toMatchObject({ code: "conflict" });
    const code = await run(["models", "add", "4o", "--data-dir", dir], io, { models: modelsCommand });
    expect(code).toBe(1);
    expect(err.at(-1)).toContain("already used by the model 'gpt-4o'");
    expect(
      await run(["models", "set", "gpt-4o", "--json", "maybe", "--data-dir", dir], io, {
        models: modelsCommand,
      }),
    ).toBe(2);
  });
});

describe("gatehouse models route, unroute, remove", () => {
  it("adds deployments, changes one, removes one, then the model", async () => {
    await models("add", "routed");
    expect(
      await models(
        "route",
        "routed",
        "--provider",
        "p1",
        "--upstream-model",
        "up-1",
        "--weight",
        "3",
        "--priority",
        "1",
        "--rpm",
        "60",
        "--region",
        "eu-west-1",
      ),
    ).toBe(0);
    expect(out.at(-1)).toMatch(/^Routed routed to p1 as up-1 \(dep_\w+, weight 3, priority 1\)\.$/);
    expect(await models("route", "routed", "--provider", "p2")).toBe(0);
    let row = (await listed("routed"))!;
    expect(row.deployments).toEqual([
      {
        id: expect.any(String),
        provider: "p2",
        upstreamModel: "routed",
        weight: 1,
        priority: 0,
        rpm: null,
        tpm: null,
        region: null,
      },
      {
        id: expect.any(String),
        provider: "p1",
        upstreamModel: "up-1",
        weight: 3,
        priority: 1,
        rpm: 60,
        tpm: null,
        region: "eu-west-1",
      },
    ]);
    const [second, first] = row.deployments as [{ id: string }, { id: string }];

    expect(
      await models(
        "route",
        "routed",
        "--deployment",
        first.id,
        "--priority=-1",
        "--region",
        "none",
        "--tpm",
        "90000",
      ),
    ).toBe(0);
    row = (await listed("routed"))!;
    expect(row.deployments[0]).toMatchObject({
      id: first.id,
      priority: -1,
      region: null,
      tpm: 90_000,
      weight: 3,
    });

    expect(await models("unroute", "routed", "--deployment", second.id)).toBe(0);
    expect((await listed("routed"))!.deployments.map((d) => d.id)).toEqual([first.id]);
    expect(await models("unroute", "routed", "--deployment", second.id)).toBe(1);

    expect(await models("remove", "routed")).toBe(0);
    expect(await listed("routed")).toBeUndefined();
    expect(await models("remove", "routed")).toBe(1);
  });

  it("refuses what it cannot route", async () => {
    await models("add", "lonely");
    await expect(models("route", "lonely")).rejects.toThrow("needs --provider P");
    expect(await models("route", "lonely", "--provider", "ghost")).toBe(1);
    expect(err.at(-1)).toContain("no provider named 'ghost'");
    expect(await models("route", "missing-model", "--provider", "p1")).toBe(1);
    await expect(models("route", "lonely", "--deployment", "dep_x", "--provider", "p1")).rejects.toThrow(
      "do not go with --deployment",
    );
    await expect(models("route", "lonely", "--deployment", "dep_x")).rejects.toThrow("needs --weight");
    expect(await models("route", "lonely", "--deployment", "dep_x", "--weight", "2")).toBe(1);
    await expect(models("unroute", "lonely")).rejects.toThrow("needs --deployment ID");
    await expect(models("route", "lonely", "--provider", "p1", "--weight", "-1")).rejects.toThrow(UsageError);
  });
});

describe("gatehouse models list and help", () => {
  it("shows settings and deployments in the table", async () => {
    await models(
      "add",
      "tabled",
      "--alias",
      "tb",
      "--tools",
      "no",
      "--strategy",
      "lowest_cost",
      "--input-price",
      "0.15",
    );
    await models("route", "tabled", "--provider", "p1", "--rpm", "100");
    out = [];
    expect(await models("list")).toBe(0);
    const [header, ...lines] = out[0]!.split("\n");
    expect(header).toMatch(
      /^ID\s+NAME\s+ALIASES\s+CONTEXT\s+MAX OUT\s+\$\/M IN\/OUT\s+CAPABILITIES\s+ROUTING\s+DEPLOYMENTS$/,
    );
    const line = lines.find((l) => l.includes(" tabled "))!;
    expect(line).toMatch(/ tb .* 0\.15\/0\.00 +tools:no +lowest_cost +p1:tabled \(dep_\w+ w1 p0 rpm100\)$/);
  });

  it("prints help for the command and for a verb", async () => {
    expect(await modelsCommand(["--help"], io)).toBe(0);
    for (const verb of ["list", "add", "set", "route", "unroute", "remove"])
      expect(out[0]).toContain(`gatehouse models ${verb}`);
    for (const option of [
      "--alias",
      "--first-byte-timeout-ms",
      "--content-filter-fallback",
      "--upstream-model",
    ])
      expect(out[0]).toContain(option);
    out = [];
    expect(await modelsCommand(["set", "--help"], io)).toBe(0);
    expect(out[0]).toContain("Model settings");
    expect(await modelsCommand([], io)).toBe(2);
  });
});
