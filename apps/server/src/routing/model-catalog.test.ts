import { wildcardModelRoutes } from "@gatehouse/contracts";
import { describe, expect, it } from "vitest";
import type { Deployment } from "../domain/deployment.js";
import type { ModelWithDeployments } from "../domain/model.js";
import type { UpstreamTarget } from "../providers/upstream-target.js";
import { modelSettingDefaults } from "../store/model-settings.js";
import { ModelCatalog } from "./model-catalog.js";

const target = (id: string): UpstreamTarget => ({
  id,
  name: id,
  kind: "openai",
  origin: "https://a.test",
  basePath: "/v1",
  headers: {},
  credentials: {},
  config: {},
});

function deployment(id: string, providerId: string, upstreamModel: string, priority = 0): Deployment {
  return {
    id,
    modelId: "",
    providerId,
    upstreamModel,
    weight: 1,
    priority,
    rpm: null,
    tpm: null,
    region: null,
    createdAt: 0,
  };
}

function model(
  name: string,
  deployments: Deployment[],
  extra: Partial<ModelWithDeployments> = {},
): ModelWithDeployments {
  return {
    ...modelSettingDefaults(),
    id: `mdl_${name}`,
    tenantId: "ten_a",
    name,
    inputPricePerMTok: 0,
    outputPricePerMTok: 0,
    contextWindow: null,
    maxOutputTokens: null,
    createdAt: 0,
    deployments,
    ...extra,
  };
}

const targets = new Map([["p1", target("p1")]]);

describe("ModelCatalog", () => {
  it("resolves an alias to its model, naming what the client asked for, with the model's settings", () => {
    const gpt = model("gpt-4o", [deployment("d1", "p1", "gpt-4o-2024-08-06")], {
      aliases: ["4o", "omni"],
      balanceStrategy: "lowest_cost",
      fallbackModels: ["backup"],
    });
    const catalog = new ModelCatalog([gpt], targets);
    const route = catalog.resolve("ten_a", "omni");
    expect(route?.model).toBe(gpt);
    expect(route?.requestedName).toBe("omni");
    expect(route?.model.fallbackModels).toEqual(["backup"]);
    expect(route?.groups[0]?.[0]?.upstreamModel).toBe("gpt-4o-2024-08-06");
    expect(catalog.resolve("ten_a", "gpt-4o")?.requestedName).toBe("gpt-4o");
    expect(catalog.resolve("ten_b", "omni")).toBeUndefined();
    // Aliases are public names, not models of their own.
    expect(catalog.list("ten_a").map((m) => m.name)).toEqual(["gpt-4o"]);
  });

  it("sends a `*` deployment of an aliased model the model's own name", () => {
    const catalog = new ModelCatalog(
      [model("m", [deployment("d1", "p1", "*")], { aliases: ["alias"] })],
      targets,
    );
    expect(catalog.resolve("ten_a", "alias")?.groups[0]?.[0]?.upstreamModel).toBe("m");
  });

  it("lets a name win over another model's alias, and the first model keep a contested alias", () => {
    const a = model("a", [deployment("d1", "p1", "a")], { aliases: ["b", "shared"] });
    const b = model("b", [deployment("d2", "p1", "b")], { aliases: ["shared"] });
    const catalog = new ModelCatalog([a, b], targets);
    expect(catalog.resolve("ten_a", "b")?.model).toBe(b);
    expect(catalog.resolve("ten_a", "shared")?.model).toBe(a);
  });

  it("prefers an exact name or alias to a wildcard, and does not fall through from an unroutable one", () => {
    const wild = model("open*", [deployment("d1", "p1", "*")]);
    const unroutable = model("openx", [deployment("d2", "gone", "x")], { aliases: ["opena"] });
    const catalog = new ModelCatalog([wild, unroutable], targets);
    expect(catalog.resolve("ten_a", "openy")?.groups[0]?.[0]?.upstreamModel).toBe("y");
    expect(catalog.resolve("ten_a", "openx")).toBeUndefined();
    expect(catalog.resolve("ten_a", "opena")).toBeUndefined();
  });

  it("lists the wildcard models with a reachable deployment, routing as the shared matcher says", () => {
    const catalog = new ModelCatalog(
      [
        model("openai/*", [deployment("d1", "p1", "*")]),
        model("gone/*", [deployment("d2", "gone", "*")]),
        model("anthropic/*", [deployment("d3", "p1", "*")]),
        model("gpt-4o", [deployment("d4", "p1", "gpt-4o")]),
      ],
      targets,
    );
    expect(catalog.wildcards("ten_a")).toEqual(["anthropic/*", "openai/*"]);
    expect(catalog.wildcards("ten_b")).toEqual([]);
    // The console offers a name when `wildcardModelRoutes` says so: the gateway must route exactly those.
    for (const name of ["openai/gpt-4.1", "openai/", "openai", "openai/x/y", "anthropic/c", "gone/x"]) {
      const routed = catalog.resolve("ten_a", name) !== undefined;
      const offered = catalog.wildcards("ten_a").some((w) => wildcardModelRoutes(w, name));
      expect([name, offered]).toEqual([name, routed]);
    }
  });

  it("groups deployments by priority, lowest first, leaving out unreachable providers", () => {
    const m = model("m", [
      deployment("d1", "p1", "m", 2),
      deployment("d2", "p1", "m", 0),
      deployment("d3", "gone", "m", 1),
    ]);
    const route = new ModelCatalog([m], targets).resolve("ten_a", "m");
    expect(route?.groups.map((g) => g.map((c) => c.deployment.id))).toEqual([["d2"], ["d1"]]);
  });

  it("replaces one tenant's part, sharing the others' untouched, and leaves the old catalog as it was", () => {
    const a1 = model("m", [deployment("d1", "p1", "a-old")]);
    const b = model("m", [deployment("d2", "p1", "b")], { tenantId: "ten_b" });
    const before = new ModelCatalog([a1, b], targets);
    const bRoute = before.resolve("ten_b", "m");
    const a2 = model("n", [deployment("d3", "p2", "a-new")]);
    const after = before.withTenant("ten_a", [a2], new Map([["p2", target("p2")]]));
    expect(after.resolve("ten_a", "n")?.groups[0]?.[0]?.upstreamModel).toBe("a-new");
    expect(after.resolve("ten_a", "m")).toBeUndefined();
    // The same Route object: B's part was not rebuilt.
    expect(after.resolve("ten_b", "m")).toBe(bRoute);
    expect(before.resolve("ten_a", "m")?.groups[0]?.[0]?.upstreamModel).toBe("a-old");
    expect(after.targetsOf("ten_a").has("p2")).toBe(true);
    const emptied = after.withTenant("ten_a", [], new Map());
    expect(emptied.list("ten_a")).toEqual([]);
    expect(emptied.resolve("ten_b", "m")).toBe(bRoute);
  });

  it("keeps a tenant's pricing across rebuilds that do not name it, and a tenant with pricing only", () => {
    const pricing = {
      settings: { markupBps: 500, unpricedModels: "refuse" as const },
      book: new Map([
        ["m", { tenantId: "ten_p", model: "m", prices: { input: 1, output: 2 }, createdAt: 0, updatedAt: 0 }],
      ]),
    };
    const empty = new ModelCatalog([], new Map());
    expect(empty.pricingOf("ten_p").settings).toEqual({ markupBps: 0, unpricedModels: "record" });
    const priced = empty.withTenant("ten_p", [], new Map(), pricing);
    expect(priced.pricingOf("ten_p")).toBe(pricing);
    expect(priced.withTenant("ten_p", [], new Map()).pricingOf("ten_p")).toBe(pricing);
    const cleared = priced.withTenant("ten_p", [], new Map(), {
      ...pricing,
      book: new Map(),
      settings: { markupBps: 0, unpricedModels: "record" },
    });
    expect(cleared.pricingOf("ten_p").book.size).toBe(0);
  });
});
