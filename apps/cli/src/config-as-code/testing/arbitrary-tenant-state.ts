import type { ProviderKind } from "@gatehouse/server";
import fc from "fast-check";
import {
  CREDENTIAL_FIELDS,
  type DeploymentSpec,
  type GatehouseConfig,
  type ModelSpec,
  type ProviderSpec,
} from "../config-schema.js";
import type { CurrentState } from "../config-state.js";
import { credentialDigest, type ProviderSecrets } from "../credential-digest.js";
import { placeholderCredentials } from "../placeholder-env-name.js";

/** A tenant's configuration as readCurrentState gives it (placeholder variables), with the secrets. */
export interface TenantState {
  config: GatehouseConfig;
  secrets: Map<string, ProviderSecrets>;
}

const secret = fc
  .string({ minLength: 1, maxLength: 40, unit: "grapheme-ascii" })
  .filter((s) => s.trim() !== "");
const serviceAccount = fc
  .tuple(fc.stringMatching(/^[a-z]{3,10}$/), secret)
  .map(([name, key]) =>
    JSON.stringify({ client_email: `${name}@p.iam.gserviceaccount.com`, private_key: key, project_id: "p" }),
  );
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

function providerArb(name: string): fc.Arbitrary<{ spec: ProviderSpec; secrets: ProviderSecrets }> {
  const kind = fc.constantFrom<ProviderKind>(
    "openai",
    "anthropic",
    "gemini",
    "ollama",
    "bedrock",
    "azure",
    "vertex",
  );
  return kind.chain((k) =>
    fc
      .record({
        apiKey: optional(secret),
        aws: optional(
          fc.record({ accessKeyId: secret, secretAccessKey: secret, sessionToken: optional(secret) }),
        ),
        serviceAccountJson: optional(serviceAccount),
        setting: optional(fc.constantFrom("us-east-1", "eu-west-4", "2024-10-21", "v1", "proj-1")),
        extra: fc.constantFrom<ProviderSpec["config"]>(
          {},
          { anthropicVersion: "2023-06-01" },
          { acceptsTopK: true },
        ),
      })
      .map(({ apiKey, aws, serviceAccountJson, setting, extra }) => {
        const secrets: ProviderSecrets = { ...(apiKey ? { apiKey } : {}) };
        if (k === "bedrock" && aws) {
          secrets.accessKeyId = aws.accessKeyId;
          secrets.secretAccessKey = aws.secretAccessKey;
          if (aws.sessionToken) secrets.sessionToken = aws.sessionToken;
        }
        if (k === "vertex" && serviceAccountJson) secrets.serviceAccountJson = serviceAccountJson;
        const spec: ProviderSpec = {
          name,
          kind: k,
          // A prefix keeps the label from starting "xn--", which Node reads as punycode (and refuses).
          baseUrl: `https://p-${name.replace(/[._]/g, "-")}.test/v1`,
          config: extra,
          credentials: {}, // placeholders are given once every provider is known
        };
        if (setting !== undefined) {
          if (k === "bedrock") spec.region = setting;
          if (k === "azure") spec.apiVersion = setting;
          if (k === "vertex") spec.project = setting;
        }
        return { spec, secrets };
      }),
  );
}

const positive = fc.integer({ min: 1, max: 2_147_483_647 });

function deploymentsArb(providers: string[]): fc.Arbitrary<DeploymentSpec[]> {
  if (providers.length === 0) return fc.constant([]);
  const deployment = fc.record({
    provider: fc.constantFrom(...providers),
    upstreamModel: fc.stringMatching(/^[a-z0-9*][a-z0-9.:*-]{0,12}$/),
    weight: fc.integer({ min: 0, max: 100 }),
    priority: fc.integer({ min: -5, max: 5 }),
    rpm: fc.option(positive, { nil: null }),
    tpm: fc.option(fc.integer({ min: 1, max: 10_000_000 }), { nil: null }),
    region: fc.option(fc.constantFrom("eu-west-1", "us"), { nil: null }),
  });
  return fc.uniqueArray(deployment, { maxLength: 3, selector: (d) => `${d.provider}/${d.upstreamModel}` });
}

function modelArb(
  name: string,
  aliases: string[],
  others: string[],
  providers: string[],
): fc.Arbitrary<ModelSpec> {
  const other = others.length > 0 ? fc.constantFrom(...others) : fc.constant(undefined);
  return fc.record({
    name: fc.constant(name),
    aliases: fc.constant(aliases),
    prices: fc.record({
      input: fc.integer({ min: 0, max: 9_000_000 * 1e9 }),
      output: fc.integer({ min: 0, max: 1_000 * 1e9 }),
    }),
    contextWindow: fc.option(positive, { nil: null }),
    maxOutputTokens: fc.option(positive, { nil: null }),
    capabilities: fc.record(
      { tools: fc.boolean(), vision: fc.boolean(), json: fc.boolean(), reasoning: fc.boolean() },
      { requiredKeys: [] },
    ),
    unsupportedParams: fc.constantFrom("drop", "refuse"),
    strategy: fc.constantFrom("weighted_random", "least_in_flight", "lowest_latency", "lowest_cost"),
    fallbacks:
      others.length > 0 ? fc.uniqueArray(fc.constantFrom(...others), { maxLength: 2 }) : fc.constant([]),
    contextFallback: other.map((o) => o ?? null),
    contentFilterFallback: fc.boolean(),
    timeouts: fc.record(
      { connectMs: positive, firstByteMs: positive, idleMs: positive, totalMs: positive },
      { requiredKeys: [] },
    ),
    deployments: deploymentsArb(providers),
  }) as fc.Arbitrary<ModelSpec>;
}

/**
 * Tenant states a store can hold: unique provider names with settings and secrets of their kind, models
 * whose names and aliases are unique across the tenant (some of them wildcards), fallbacks to other
 * models, deployments on the tenant's providers.
 */
export function arbitraryTenantState(): fc.Arbitrary<TenantState> {
  const providerNames = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9._-]{0,8}$/), { maxLength: 4 });
  const names = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9.-]{0,8}(\/[a-z0-9]{1,4})?$/), {
    maxLength: 8,
  });
  return fc
    .tuple(providerNames, names, fc.integer({ min: 0, max: 4 }), fc.boolean())
    .chain(([pNames, mNames, aliasCount, wildcard]) => {
      const aliasPool = mNames.slice(0, Math.min(aliasCount, mNames.length));
      const modelNames = mNames.slice(aliasPool.length).map((n, i) => (wildcard && i === 0 ? `${n}/*` : n));
      const aliasesOf = (i: number) => aliasPool.filter((_, j) => j % Math.max(modelNames.length, 1) === i);
      return fc.record({
        providers: fc.tuple(...pNames.map(providerArb)),
        models: fc.tuple(
          ...modelNames.map((n, i) =>
            modelArb(
              n,
              n.endsWith("*") ? [] : aliasesOf(i),
              modelNames.filter((o) => o !== n && !o.includes("*")),
              pNames,
            ),
          ),
        ),
        workspaces: fc.uniqueArray(fc.constantFrom("default", "staging", "prod"), { maxLength: 3 }),
      });
    })
    .map(({ providers, models, workspaces }) => {
      const refs = placeholderCredentials(
        providers.map((p) => ({ name: p.spec.name, fields: CREDENTIAL_FIELDS.filter((f) => p.secrets[f]) })),
      );
      return {
        config: {
          version: 1 as const,
          workspaces: workspaces.map((name) => ({ name })),
          providers: providers.map((p) => ({ ...p.spec, credentials: refs.get(p.spec.name) ?? {} })),
          models,
        },
        secrets: new Map(providers.map((p) => [p.spec.name, p.secrets])),
      };
    });
}

/** The state as readCurrentState would give it for a store holding `state`, with made-up ids. */
export function currentStateOf(state: TenantState): CurrentState {
  return {
    config: state.config,
    credentialDigests: new Map(
      state.config.providers.map((p) => [p.name, credentialDigest(state.secrets.get(p.name))]),
    ),
    providerIds: new Map(state.config.providers.map((p, i) => [p.name, `prv_${i}`])),
    modelIds: new Map(state.config.models.map((m, i) => [m.name, `mdl_${i}`])),
    deploymentIds: new Map(
      state.config.models.map((m, i) => [m.name, m.deployments.map((_, j) => `dep_${i}_${j}`)]),
    ),
  };
}

/** The environment an exported file of `state` needs: each placeholder variable set to its secret. */
export function envFor(state: TenantState): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const p of state.config.providers) {
    for (const [field, ref] of Object.entries(p.credentials))
      if (ref) env[ref.env] = state.secrets.get(p.name)?.[field as keyof ProviderSecrets];
  }
  return env;
}
