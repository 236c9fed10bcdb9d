import { describe, expect, it } from "vitest";
import type { GatehouseConfig } from "./config-schema.js";
import { credentialDigest, type ProviderSecrets } from "./credential-digest.js";
import { formatPlan } from "./format-plan.js";
import { parseConfigFile } from "./parse-config-file.js";
import type { PlanAction } from "./plan.js";
import { planChanges } from "./plan-changes.js";
import { currentStateOf } from "./testing/arbitrary-tenant-state.js";

function config(text: string): GatehouseConfig {
  const r = parseConfigFile(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.config;
}

const BASE = `version: 1
workspaces: [{ name: default }]
providers:
  - name: openai
    kind: openai
    baseUrl: https://api.openai.com/v1
    credentials: { apiKey: { env: OPENAI_KEY } }
  - name: local
    kind: ollama
    baseUrl: http://127.0.0.1:11434/v1
models:
  - name: gpt-4o
    prices: { input: "2.50", output: 10 }
    deployments:
      - { provider: openai, upstreamModel: gpt-4o }
      - { provider: local, upstreamModel: llama3, priority: 1 }
  - name: old
    prices: { input: 1, output: 1 }
    deployments: [{ provider: local, upstreamModel: old }]
`;

const SECRETS = new Map<string, ProviderSecrets>([["openai", { apiKey: "sk-1" }]]);
const current = () => currentStateOf({ config: config(BASE), secrets: SECRETS });
const digests = (secrets: Map<string, ProviderSecrets>) =>
  new Map([...secrets].map(([name, s]) => [name, credentialDigest(s)]));

const summary = (actions: PlanAction[]) =>
  actions.map((a) => {
    const name = "ref" in a ? `${a.ref.model}→${a.ref.provider}/${a.ref.upstreamModel}` : a.name;
    return `${a.op} ${a.resource} ${name}`;
  });

describe("planChanges", () => {
  it("creates everything in dependency order against an empty tenant", () => {
    const empty = currentStateOf({ config: config("version: 1\n"), secrets: new Map() });
    const plan = planChanges({ config: config(BASE), credentialDigests: digests(SECRETS) }, empty);
    expect(summary(plan.actions)).toEqual([
      "create workspace default",
      "create provider openai",
      "create provider local",
      "create model gpt-4o",
      "create model old",
      "create deployment gpt-4o→openai/gpt-4o",
      "create deployment gpt-4o→local/llama3",
      "create deployment old→local/old",
    ]);
  });

  it("plans nothing for the same state", () => {
    const plan = planChanges({ config: config(BASE), credentialDigests: digests(SECRETS) }, current());
    expect(plan.actions).toEqual([]);
    expect(formatPlan(plan)).toBe("No changes: the tenant matches the file.");
  });

  it("keeps what the file leaves out unless pruning, then deletes deployments, models, providers last", () => {
    const smaller = config(`version: 1
providers:
  - { name: openai, kind: openai, baseUrl: "https://api.openai.com/v1", credentials: { apiKey: { env: K } } }
models:
  - name: gpt-4o
    prices: { input: "2.50", output: 10 }
    deployments: [{ provider: openai, upstreamModel: gpt-4o }]
  - name: new
    prices: { input: 0, output: 0 }
`);
    const desired = { config: smaller, credentialDigests: digests(SECRETS) };
    const kept = planChanges(desired, current());
    expect(summary(kept.actions)).toEqual(["create model new"]);
    expect(kept.kept.map((k) => `${k.resource} ${k.name}`)).toEqual([
      "workspace default",
      "model old",
      "provider local",
      "deployment gpt-4o → local/llama3",
    ]);
    expect(formatPlan(kept)).toContain("Kept, not in the file (apply --prune deletes them):\n  model old\n");
    const pruned = planChanges(desired, current(), { prune: true });
    expect(summary(pruned.actions)).toEqual([
      "delete model old",
      "create model new",
      "delete provider local",
    ]);
    expect(formatPlan(pruned)).toContain("  - provider local (and its 2 deployments)");
    expect(pruned.kept).toEqual([{ resource: "workspace", name: "default", reason: "never deleted" }]);
  });

  it("updates changed model and deployment fields, with the patch in the store's names", () => {
    const changed = config(
      BASE.replace(
        'prices: { input: "2.50", output: 10 }',
        'prices: { input: "3", output: 10 }\n    strategy: lowest_cost\n    fallbacks: [old]',
      ).replace(
        "{ provider: local, upstreamModel: llama3, priority: 1 }",
        "{ provider: local, upstreamModel: llama3, priority: 2, rpm: 60 }",
      ),
    );
    const plan = planChanges({ config: changed, credentialDigests: digests(SECRETS) }, current());
    expect(plan.actions).toMatchObject([
      {
        op: "update",
        resource: "model",
        name: "gpt-4o",
        patch: { inputPricePerMTok: 3_000_000_000, balanceStrategy: "lowest_cost", fallbackModels: ["old"] },
      },
      { op: "update", resource: "deployment", patch: { priority: 2, rpm: 60 } },
    ]);
    const text = formatPlan(plan);
    expect(text).toContain(
      '  ~ model gpt-4o\n      ~ prices.input: $2.50 → $3.00\n      ~ strategy: "weighted_random" → "lowest_cost"',
    );
    expect(text).toContain("      ~ priority: 1 → 2\n      ~ rpm: (none) → 60");
    expect(text).toContain("Plan: 0 to create, 2 to update, 0 to delete.");
  });

  it("replaces a changed provider and creates its deployments again, kept ones included", () => {
    const moved = config(
      BASE.replace("http://127.0.0.1:11434/v1", "http://127.0.0.1:11435/v1").replace(
        / {2}- name: old\n[\s\S]*$/,
        "",
      ),
    );
    const plan = planChanges({ config: moved, credentialDigests: digests(SECRETS) }, current());
    expect(summary(plan.actions)).toEqual([
      "replace provider local",
      "create deployment gpt-4o→local/llama3",
      "create deployment old→local/old",
    ]);
    expect(plan.actions[0]).toMatchObject({
      changes: [{ field: "baseUrl", from: "http://127.0.0.1:11434/v1", to: "http://127.0.0.1:11435/v1" }],
    });
    const pruned = planChanges({ config: moved, credentialDigests: digests(SECRETS) }, current(), {
      prune: true,
    });
    expect(summary(pruned.actions)).toEqual([
      "replace provider local",
      "delete model old",
      "create deployment gpt-4o→local/llama3",
    ]);
  });

  it("replaces a provider whose variables hold other secrets, and never prints them", () => {
    const rotated = new Map<string, ProviderSecrets>([["openai", { apiKey: "sk-rotated-secret" }]]);
    const plan = planChanges({ config: config(BASE), credentialDigests: digests(rotated) }, current());
    expect(summary(plan.actions)).toEqual([
      "replace provider openai",
      "create deployment gpt-4o→openai/gpt-4o",
    ]);
    const text = formatPlan(plan);
    expect(text).toContain("~ credentials: (changed; fields apiKey → apiKey)");
    expect(text).not.toContain("sk-");
  });

  it("orders name moves so the store never sees one name on two models", () => {
    const moved = config(
      BASE.replace("  - name: gpt-4o\n", "  - name: gpt-4o\n    aliases: [omni]\n").replace(
        "  - name: old\n",
        "  - name: old\n    aliases: [legacy]\n",
      ),
    );
    const have = currentStateOf({ config: moved, secrets: SECRETS });
    // "old" frees its alias for "gpt-4o" (listed first in the file); "brand-new" takes the deleted model's name.
    const swapped = config(
      BASE.replace("  - name: gpt-4o\n", "  - name: gpt-4o\n    aliases: [omni, legacy]\n").replace(
        / {2}- name: old\n[\s\S]*$/,
        "  - name: brand-new\n    aliases: [old]\n    prices: { input: 1, output: 1 }\n",
      ),
    );
    const withOld = { ...swapped, models: [swapped.models[0]!, { ...moved.models[1]!, aliases: [] }] };
    expect(
      summary(planChanges({ config: withOld, credentialDigests: digests(SECRETS) }, have).actions),
    ).toEqual(["update model old", "update model gpt-4o"]);
    expect(
      summary(
        planChanges({ config: swapped, credentialDigests: digests(SECRETS) }, have, { prune: true }).actions,
      ),
    ).toEqual(["delete model old", "update model gpt-4o", "create model brand-new"]);
  });
});
