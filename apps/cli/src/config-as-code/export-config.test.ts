import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyPlan } from "./apply-plan.js";
import type { CurrentState } from "./config-state.js";
import { exportConfig } from "./export-config.js";
import { parseConfigFile } from "./parse-config-file.js";
import { planChanges } from "./plan-changes.js";
import { readCurrentState } from "./read-current-state.js";
import { resolveCredentials } from "./resolve-credentials.js";
import {
  arbitraryTenantState,
  currentStateOf,
  envFor,
  type TenantState,
} from "./testing/arbitrary-tenant-state.js";
import { openTestStore } from "./testing/open-test-store.js";

/** Exports `current`, reads the text back as apply does, and plans it against `current`. */
function replan(current: CurrentState, env: NodeJS.ProcessEnv, prune: boolean) {
  const text = exportConfig(current.config);
  const parsed = parseConfigFile(text);
  if (!parsed.ok) throw new Error(`export did not parse: ${JSON.stringify(parsed.errors)}\n${text}`);
  const resolved = resolveCredentials(parsed.config, env, parsed.locate);
  if (!resolved.ok) throw new Error(`credentials: ${JSON.stringify(resolved.errors)}`);
  return {
    text,
    plan: planChanges({ config: parsed.config, credentialDigests: resolved.digests }, current, { prune }),
  };
}

describe("exportConfig", () => {
  it("export → parse → plan against the same state is empty, with or without prune (property)", () => {
    fc.assert(
      fc.property(arbitraryTenantState(), fc.boolean(), (state, prune) => {
        const { plan } = replan(currentStateOf(state), envFor(state), prune);
        expect(plan.actions).toEqual([]);
        expect(plan.kept).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("the same holds through a real store: apply a state, read it back, export, plan (property)", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryTenantState(), async (state: TenantState) => {
        const s = await openTestStore();
        try {
          const empty = await readCurrentState(s.store, s.credentialVault, s.tenantId);
          const first = planChanges(
            { config: state.config, credentialDigests: currentStateOf(state).credentialDigests },
            empty,
          );
          const result = await applyPlan(first, { ...s, secrets: state.secrets, progress: () => {} });
          expect(result.failed?.error).toBeUndefined();
          const current = await readCurrentState(s.store, s.credentialVault, s.tenantId);
          expect(replan(current, envFor(state), true).plan.actions).toEqual([]);
        } finally {
          await s.store.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  it("never writes a secret: credentials become placeholder variables listed in the header", async () => {
    const s = await openTestStore();
    try {
      const canary = "sk-canary-7f3a9e";
      const state: TenantState = {
        config: {
          version: 1,
          workspaces: [],
          providers: [
            {
              name: "openai",
              kind: "openai",
              baseUrl: "https://api.openai.com/v1",
              config: {},
              credentials: { apiKey: { env: "X" } },
            },
          ],
          models: [],
        },
        secrets: new Map([["openai", { apiKey: canary }]]),
      };
      const plan = planChanges(
        { config: state.config, credentialDigests: new Map() },
        await readCurrentState(s.store, s.credentialVault, s.tenantId),
      );
      await applyPlan(plan, { ...s, secrets: state.secrets, progress: () => {} });
      const text = exportConfig((await readCurrentState(s.store, s.credentialVault, s.tenantId)).config);
      expect(text).not.toContain(canary);
      expect(text).toContain("apiKey: { env: GATEHOUSE_OPENAI_API_KEY }");
      expect(text).toMatch(/^# .*\n# Secrets are not exported.*\n#\s+GATEHOUSE_OPENAI_API_KEY\n/);
    } finally {
      await s.store.close();
    }
  });

  it("writes prices as exact decimals and leaves defaults out", () => {
    const text = exportConfig({
      version: 1,
      workspaces: [{ name: "default" }],
      providers: [],
      models: [
        {
          name: "m",
          aliases: [],
          prices: { input: 150_000_000, output: 2_500_000_000 },
          contextWindow: null,
          maxOutputTokens: null,
          capabilities: {},
          unsupportedParams: "drop",
          strategy: "weighted_random",
          fallbacks: [],
          contextFallback: null,
          contentFilterFallback: false,
          timeouts: {},
          deployments: [],
        },
      ],
    });
    expect(text).toContain(`models:\n  - name: m\n    prices: { input: "0.15", output: "2.50" }\n`);
  });
});
