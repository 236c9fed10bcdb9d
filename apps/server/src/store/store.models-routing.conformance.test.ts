import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStore } from "./create-store.js";
import type { Store } from "./store.js";
import type { ModelInput, ModelPatch, ProviderInput } from "./store-types.js";
import { createTestSchema, findTestPostgres } from "./test-databases.js";

/**
 * The conformance suite of the model routing settings (migration 0002): aliases, capabilities, the
 * unsupported-parameter policy, balancing, fallbacks, timeouts, and deployment limits. Same loop as
 * store.conformance.test.ts: every backend, a fresh migrated store per test. With REQUIRE_SERVICES=1
 * an unreachable PostgreSQL fails the file instead of skipping it.
 */
interface Target {
  name: string;
  skip?: string;
  open: (now: () => number) => Promise<{ store: Store; cleanup: () => Promise<void> }>;
}

const postgres = await findTestPostgres();

const TARGETS: Target[] = [
  {
    name: "sqlite :memory:",
    open: async (now) => {
      const store = createStore({ sqlitePath: ":memory:", now });
      return { store, cleanup: () => store.close() };
    },
  },
  {
    name: "postgres",
    ...(postgres.available ? {} : { skip: postgres.reason }),
    open: async (now) => {
      const { schema, drop } = await createTestSchema(postgres.url, { create: false });
      const store = createStore({ databaseUrl: postgres.url, pgSchema: schema, now });
      return {
        store,
        cleanup: async () => {
          await store.close();
          await drop();
        },
      };
    },
  },
];

function tickingClock(start = 1_700_000_000_000): () => number {
  let t = start;
  return () => ++t;
}

const DEFAULT_SETTINGS = {
  aliases: [],
  capabilities: {},
  unsupportedParams: "drop",
  balanceStrategy: "weighted_random",
  fallbackModels: [],
  contextFallbackModel: null,
  contentFilterFallback: false,
  timeouts: {},
};

function modelInput(tenantId: string, name: string, extra: Partial<ModelInput> = {}): ModelInput {
  return {
    tenantId,
    name,
    inputPricePerMTok: 2_500_000_000,
    outputPricePerMTok: 10_000_000_000,
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    ...extra,
  };
}

function providerInput(tenantId: string, name: string): ProviderInput {
  return { tenantId, name, kind: "openai", baseUrl: "https://a.test/v1", credentials: null, config: {} };
}

for (const target of TARGETS) {
  describe.skipIf(target.skip !== undefined)(`model routing settings on ${target.name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let tenantId: string;

    beforeEach(async () => {
      ({ store, cleanup } = await target.open(tickingClock()));
      await store.migrate();
      tenantId = (await store.tenants.create({ name: "Acme" })).id;
    });
    afterEach(() => cleanup());

    describe("models", () => {
      it("gives a model created without settings the defaults, in every read", async () => {
        const model = await store.models.create(modelInput(tenantId, "m"));
        expect(model).toMatchObject(DEFAULT_SETTINGS);
        expect(await store.models.get(tenantId, model.id)).toEqual(model);
        expect(await store.models.list(tenantId)).toEqual([{ ...model, deployments: [] }]);
      });

      it("stores every setting as given and reads it back the same from every read", async () => {
        const settings = {
          aliases: ["gpt4o", '4o ✓ "quoted"'],
          capabilities: { tools: true, vision: false },
          unsupportedParams: "refuse" as const,
          balanceStrategy: "lowest_latency" as const,
          fallbackModels: ["backup-b", "backup-a"],
          contextFallbackModel: "long-context",
          contentFilterFallback: true,
          timeouts: { firstByteMs: 15_000, totalMs: 120_000 },
        };
        const model = await store.models.create(modelInput(tenantId, "gpt-4o", settings));
        expect(model).toMatchObject(settings);
        expect(Object.keys(model.capabilities)).toEqual(["tools", "vision"]);
        expect(await store.models.get(tenantId, model.id)).toEqual(model);
        expect(await store.models.findByName(tenantId, "gpt-4o")).toEqual(model);
        expect((await store.models.listAll())[0]).toEqual({ ...model, deployments: [] });
      });

      it("updates only the fields given, bumping the revision once; an empty patch changes nothing", async () => {
        const model = await store.models.create(
          modelInput(tenantId, "m", { aliases: ["a1"], capabilities: { tools: false } }),
        );
        const before = await store.revision();
        const patch: ModelPatch = {
          contextWindow: 200_000,
          maxOutputTokens: null,
          balanceStrategy: "lowest_cost",
          contextFallbackModel: "big",
          inputPricePerMTok: 3_000_000_000,
        };
        const updated = await store.models.update(tenantId, model.id, patch);
        expect(updated).toEqual({ ...model, ...patch });
        expect(await store.models.get(tenantId, model.id)).toEqual(updated);
        expect(await store.revision()).toBe(before + 1);

        expect(await store.models.update(tenantId, model.id, {})).toEqual(updated);
        expect(await store.models.update(tenantId, model.id, { aliases: undefined })).toEqual(updated);
        expect(await store.revision()).toBe(before + 1);

        const cleared = await store.models.update(tenantId, model.id, {
          contextFallbackModel: null,
          capabilities: {},
          aliases: [],
          name: "renamed",
        });
        expect(cleared).toMatchObject({
          contextFallbackModel: null,
          capabilities: {},
          aliases: [],
          name: "renamed",
        });
        expect(await store.models.findByName(tenantId, "renamed")).toEqual(cleared);
        expect(await store.revision()).toBe(before + 2);
      });

      it("answers undefined, without a bump, for a model of another tenant or none", async () => {
        const other = (await store.tenants.create({ name: "Other" })).id;
        const model = await store.models.create(modelInput(other, "m"));
        const before = await store.revision();
        expect(await store.models.update(tenantId, model.id, { contextWindow: 1 })).toBeUndefined();
        expect(await store.models.update(tenantId, "mdl_missing", { contextWindow: 1 })).toBeUndefined();
        expect(await store.revision()).toBe(before);
        expect((await store.models.get(other, model.id))?.contextWindow).toBe(128_000);
      });

      it("keeps public names unique in a tenant across names and aliases, and apart between tenants", async () => {
        const first = await store.models.create(modelInput(tenantId, "gpt-4o", { aliases: ["4o"] }));
        const second = await store.models.create(modelInput(tenantId, "claude"));
        const before = await store.revision();
        const taken = [
          () => store.models.create(modelInput(tenantId, "x", { aliases: ["gpt-4o"] })),
          () => store.models.create(modelInput(tenantId, "x", { aliases: ["4o"] })),
          () => store.models.create(modelInput(tenantId, "4o")),
          () => store.models.update(tenantId, second.id, { aliases: ["4o"] }),
          () => store.models.update(tenantId, second.id, { name: "gpt-4o" }),
          () => store.models.update(tenantId, second.id, { name: "4o" }),
        ];
        for (const attempt of taken) await expect(attempt()).rejects.toMatchObject({ code: "conflict" });
        expect(await store.revision()).toBe(before);
        // Its own names are not a conflict with itself, and another tenant has names of its own.
        expect(await store.models.update(tenantId, first.id, { aliases: ["4o", "omni"] })).toMatchObject({
          aliases: ["4o", "omni"],
        });
        const other = (await store.tenants.create({ name: "Other" })).id;
        await expect(
          store.models.create(modelInput(other, "4o", { aliases: ["gpt-4o"] })),
        ).resolves.toMatchObject({
          name: "4o",
        });
      });

      it("refuses bad settings as invalid_request naming the field, writing nothing", async () => {
        const model = await store.models.create(modelInput(tenantId, "m"));
        const before = await store.revision();
        const bad: Array<[Partial<ModelInput>, string]> = [
          [{ balanceStrategy: "fastest" as never }, "balanceStrategy"],
          [{ unsupportedParams: "ignore" as never }, "unsupportedParams"],
          [{ aliases: ["gpt-*"] }, "aliases"],
          [{ aliases: ["a", "a"] }, "aliases"],
          [{ aliases: [""] }, "aliases"],
          [{ aliases: ["m"] }, "aliases"],
          [{ fallbackModels: ["m"] }, "fallbackModels"],
          [{ contextFallbackModel: "m" }, "fallbackModels"],
          [{ capabilities: { audio: true } as never }, "capabilities.audio"],
          [{ capabilities: { tools: "yes" } as never }, "capabilities.tools"],
          [{ timeouts: { totalMs: -1 } }, "timeouts.totalMs"],
          [{ timeouts: { forever: 1 } as never }, "timeouts.forever"],
          [{ contextWindow: 0 }, "contextWindow"],
          [{ maxOutputTokens: 2 ** 31 }, "maxOutputTokens"],
          [{ inputPricePerMTok: 1.5 }, "inputPricePerMTok"],
        ];
        for (const [patch, param] of bad) {
          await expect(store.models.update(tenantId, model.id, patch), param).rejects.toMatchObject({
            code: "invalid_request",
            details: { param },
          });
        }
        await expect(
          store.models.create(modelInput(tenantId, "openai/*", { aliases: ["oa"] })),
        ).rejects.toMatchObject({ code: "invalid_request", details: { param: "aliases" } });
        await expect(
          store.models.create(modelInput(tenantId, "n", { balanceStrategy: "nope" as never })),
        ).rejects.toMatchObject({ code: "invalid_request" });
        expect(await store.revision()).toBe(before);
        expect(await store.models.get(tenantId, model.id)).toEqual(model);
        expect(await store.models.findByName(tenantId, "n")).toBeUndefined();
      });
    });

    describe("deployments", () => {
      async function seed() {
        const provider = await store.providers.create(providerInput(tenantId, "p"));
        const model = await store.models.create(modelInput(tenantId, "m"));
        const base = {
          modelId: model.id,
          providerId: provider.id,
          upstreamModel: "m",
          weight: 1,
          priority: 0,
        };
        return { provider, model, base };
      }

      it("stores rpm, tpm and region, defaulting to null", async () => {
        const { base } = await seed();
        const plain = await store.models.addDeployment(tenantId, base);
        expect(plain).toMatchObject({ rpm: null, tpm: null, region: null });
        const limited = await store.models.addDeployment(tenantId, {
          ...base,
          priority: 1,
          rpm: 500,
          tpm: 3_000_000_000,
          region: "eu-west-1",
        });
        expect(limited).toMatchObject({ rpm: 500, tpm: 3_000_000_000, region: "eu-west-1" });
        const [listed] = await store.models.list(tenantId);
        expect(listed?.deployments).toEqual([plain, limited]);
      });

      it("changes weight, priority, limits and region, bumping the revision; lists follow the new priority", async () => {
        const { base } = await seed();
        const a = await store.models.addDeployment(tenantId, base);
        const b = await store.models.addDeployment(tenantId, { ...base, priority: 1 });
        const before = await store.revision();
        const changed = await store.models.setDeployment(tenantId, b.id, {
          priority: -1,
          weight: 7,
          rpm: 60,
          tpm: 90_000,
          region: "us-east-1",
        });
        expect(changed).toEqual({ ...b, priority: -1, weight: 7, rpm: 60, tpm: 90_000, region: "us-east-1" });
        expect(await store.revision()).toBe(before + 1);
        expect((await store.models.listAll())[0]?.deployments).toEqual([changed, a]);

        const cleared = await store.models.setDeployment(tenantId, b.id, { rpm: null, region: null });
        expect(cleared).toEqual({ ...changed, rpm: null, region: null });
        expect(await store.models.setDeployment(tenantId, b.id, {})).toEqual(cleared);
        expect(await store.revision()).toBe(before + 2);
      });

      it("answers undefined for another tenant's deployment and refuses bad values, without a bump", async () => {
        const { base } = await seed();
        const dep = await store.models.addDeployment(tenantId, base);
        const other = (await store.tenants.create({ name: "Other" })).id;
        const before = await store.revision();
        expect(await store.models.setDeployment(other, dep.id, { weight: 5 })).toBeUndefined();
        expect(await store.models.setDeployment(tenantId, "dep_missing", { weight: 5 })).toBeUndefined();
        for (const [patch, param] of [
          [{ weight: -1 }, "weight"],
          [{ weight: 2 ** 31 }, "weight"],
          [{ rpm: 2 ** 31 }, "rpm"],
          [{ priority: 0.5 }, "priority"],
          [{ rpm: 0 }, "rpm"],
          [{ region: "" }, "region"],
        ] as const) {
          await expect(store.models.setDeployment(tenantId, dep.id, patch)).rejects.toMatchObject({
            code: "invalid_request",
            details: { param },
          });
        }
        await expect(store.models.addDeployment(tenantId, { ...base, tpm: -5 })).rejects.toMatchObject({
          code: "invalid_request",
        });
        expect(await store.revision()).toBe(before);
        expect((await store.models.list(tenantId))[0]?.deployments).toEqual([dep]);
      });
    });
  });
}
