import type { Contract, Permission } from "@gatehouse/contracts";
import type { z } from "zod";
import { freshRedemptionCode } from "./matrix-billing.js";
import { FRESH, MATRIX_CREDENTIALS, MATRIX_UPSTREAM } from "./matrix-fixtures.js";
import type { MatrixWorld } from "./matrix-world.js";
import { MATRIX_PASSWORD } from "./matrix-world.js";

/** What a sample body may use: unique names, the objects of the cell's other tenant, a probe account. */
export interface SampleContext {
  world: MatrixWorld;
  /** The id of the object a body field names, from the tenant whose children the cell uses. */
  child(param: string): string;
  /** An account no cell changes, for the public sign-in operations. */
  probeEmail: string;
}

/** A minimal valid request for one operation, and what it means for the expectation. */
export interface Sample {
  body?: (ctx: SampleContext) => unknown | Promise<unknown>;
  /** A public operation's expected status when the sample cannot succeed (a made-up emailed token). */
  status?: number;
  /** Tenant roles the request grants or takes away (checked with mayGrantRole). */
  grants?: readonly string[];
  /** Permissions the request hands out (a custom role's): the caller must hold each across the tenant. */
  handsOut?: readonly Permission[];
  /** The body names objects, so the cells include tenant A naming B's objects in the body. */
  crosses?: boolean;
  /** A query string the operation needs (`?model=...`), appended to the path. */
  query?: string;
}

const named = (prefix: string) => (c: SampleContext) => ({ name: c.world.unique(prefix) });
const probeSession = async (c: SampleContext) => ({
  refreshToken: (await c.world.logIn(c.probeEmail)).refreshToken,
});

/**
 * Per-operation samples. Operations with a body and no entry get one generated from the zod schema
 * (sampleFromSchema); when that is not valid, the allowed cells answer 400 and the summary says to add
 * an entry here.
 */
export const SAMPLES: Readonly<Record<string, Sample>> = {
  "ollama.pullModel": { body: () => ({ model: "llama3.2" }) },
  "ollama.registerModel": { body: () => ({ model: "llama3.2" }) },
  "auth.signUp": {
    body: (c) => ({ email: `${c.world.unique("signup")}@matrix.test`, password: MATRIX_PASSWORD, name: "S" }),
  },
  "auth.logIn": { body: (c) => ({ email: c.probeEmail, password: MATRIX_PASSWORD }) },
  "auth.refresh": { body: probeSession },
  "auth.logOut": { body: probeSession },
  "auth.changePassword": { body: () => ({ currentPassword: MATRIX_PASSWORD, newPassword: MATRIX_PASSWORD }) },
  "auth.requestPasswordReset": { body: (c) => ({ email: c.probeEmail }) },
  "auth.resetPassword": { body: () => ({ token: "ghp_madeup", newPassword: MATRIX_PASSWORD }), status: 400 },
  "auth.verifyEmail": { body: () => ({ token: "ghv_madeup" }), status: 400 },
  "invitations.accept": { body: () => ({ token: "ghi_madeup", password: MATRIX_PASSWORD }), status: 400 },
  "tenants.create": { body: named("tenant ") },
  "budgets.create": {
    body: () => ({ scopeKind: "tenant", metric: "cost", period: "daily", limit: 1_000_000_000 }),
  },
  "budgets.update": { body: () => ({ limit: 2_000_000_000 }) },
  "budgets.setKeyCap": { body: () => ({ metric: "cost", period: "daily", limit: 1_000_000 }) },
  "budgets.putWebhook": { body: () => ({ url: "https://hooks.example.com/gatehouse" }) },
  "billing.createCheckout": { body: () => ({ kind: "top_up", amountNano: 5_000_000_000 }) },
  "billing.redeem": { body: async (c) => ({ code: await freshRedemptionCode(c.world) }) },
  // No Stripe-Signature header: refused with 400 whoever calls.
  "billing.stripeWebhook": { status: 400 },
  "tenants.update": { body: named("renamed ") },
  "workspaces.create": { body: named("ws ") },
  "workspaces.update": { body: named("renamed ws ") },
  // The fresh member a cell changes or removes joined as "member".
  // Granting owner tells an owner (who may) from an admin (who may not).
  "members.update": { body: () => ({ role: "owner" }), grants: ["member", "owner"] },
  "members.remove": { grants: ["member"] },
  "workspaceMembers.put": { body: () => ({ role: "viewer" }) },
  "invitations.create": {
    body: (c) => ({
      email: `${c.world.unique("invited")}@matrix.test`,
      role: "owner",
      workspaceId: c.child("workspaceId"),
    }),
    grants: ["owner"],
    crosses: true,
  },
  // tenant:delete tells an owner (who holds it) from an admin (who does not).
  "roles.create": {
    body: (c) => ({ name: c.world.unique("role "), permissions: ["tenant:read", "tenant:delete"] }),
    handsOut: ["tenant:read", "tenant:delete"],
  },
  "roles.update": {
    body: (c) => ({ name: c.world.unique("renamed role "), permissions: ["tenant:read"] }),
    handsOut: ["tenant:read"],
  },
  "keys.create": { body: named("key ") },
  "rateLimits.create": {
    body: (c) => ({
      scopeKind: "workspace",
      scopeId: c.child("workspaceId"),
      model: c.world.unique("sample-").replace(/\s/g, "-"),
      rpm: 10,
    }),
    crosses: true,
  },
  "rateLimits.update": { body: () => ({ rpm: 5 }) },
  "keys.update": { body: named("renamed key ") },
  "keys.rotate": { body: () => ({ gracePeriodSeconds: 0 }) },
  // The same settings every time (the issuer is the test's OIDC provider): a PUT that changes nothing.
  "sso.put": {
    body: (c) => ({
      issuer: c.world.ssoIssuer,
      clientId: "gatehouse",
      clientSecret: MATRIX_CREDENTIALS.ssoClientSecret,
      mapping: { rules: [] },
    }),
  },
  // Without a provider's answer the callback has no code or state, and no exchange code was ever issued.
  "auth.ssoCallback": { status: 400 },
  "auth.ssoExchange": { body: () => ({ code: "ghs_madeup" }), status: 400 },
  // A public name: the create-time check refuses only literal private addresses, and nothing connects.
  "providers.create": {
    body: (c) => ({
      name: c.world.unique("up-"),
      kind: "openai",
      baseUrl: "https://upstream.matrix.test/v1",
      apiKey: MATRIX_CREDENTIALS.createdProvider,
    }),
  },
  // Moving it to the allow-listed upstream keeps it valid; the new key must not be answered either.
  "providers.update": {
    body: (c) => ({
      name: c.world.unique("renamed-up-"),
      baseUrl: `http://${MATRIX_UPSTREAM}/v2`,
      apiKey: MATRIX_CREDENTIALS.replacedProvider,
    }),
  },
  // Prices are whole nano-USD per million tokens; the body names no object (deployments come with providers).
  "models.create": {
    body: (c) => ({
      name: c.world.unique("model-"),
      inputPricePerMTok: 3_000_000_000,
      outputPricePerMTok: 0,
    }),
  },
  "models.update": {
    body: (c) => ({ name: c.world.unique("renamed-model-"), outputPricePerMTok: 15_000_000_000 }),
  },
  // A live stream ends after maxSeconds: the matrix reads the whole answer.
  "usage.live": { query: "?maxSeconds=1" },
  // The body names a provider: the cells include tenant A naming B's (404, like any other tenant's object).
  "models.addDeployment": {
    body: (c) => ({
      providerId: c.child("providerId"),
      upstreamModel: c.world.unique("routed-").replace(/\s/g, "-"),
      weight: 2,
      priority: 1,
    }),
    crosses: true,
  },
  "models.updateDeployment": { body: () => ({ weight: 3, priority: 2 }) },
  // Every tenant's book holds "matrix-model" (addSharedObjects); delete is idempotent, so every allowed
  // cell answers 204 even after the first removed it.
  "pricing.getEntry": { query: "?model=matrix-model" },
  "pricing.deleteEntry": { query: "?model=matrix-model" },
  "pricing.putEntry": {
    body: () => ({ model: "matrix-model", prices: { input: 3_000_000_000, output: 15_000_000_000 } }),
  },
  "pricing.updateSettings": { body: () => ({ markupBps: 0 }) },
  "usageRetention.update": { body: () => ({ rawDays: 30, dayDays: null }) },
  "capture.update": { body: () => ({ enabled: false }) },
  "conversations.create": { body: () => ({ title: "Matrix chat", model: "matrix-model" }) },
  "conversations.update": { body: () => ({ pinned: true }) },
  "conversations.appendMessage": { body: () => ({ parentId: null, role: "user", text: "Hello" }) },
  "conversations.startAnswer": {
    body: () => ({
      parentId: "msg_matrixmadeupmadeup12",
      model: "matrix-model",
      key: "gh_matrix_not_a_key",
      body: { messages: [{ role: "user", content: "Hello" }] },
    }),
  },
  // The body is the file's bytes: a JSON string is UTF-8 text.
  "chatFiles.upload": { body: () => "A matrix attachment.", query: "?name=matrix.txt" },
  "presets.create": { body: (c) => ({ name: c.world.unique("preset "), model: "matrix-model" }) },
  "presets.update": { body: () => ({ description: "Changed by the matrix" }) },
  // A one-message ChatGPT conversations.json.
  "conversations.import": {
    body: () => [
      {
        title: "Imported",
        create_time: 1_700_000_000,
        current_node: "u",
        mapping: {
          u: {
            id: "u",
            parent: null,
            children: [],
            message: { author: { role: "user" }, content: { content_type: "text", parts: ["Hi"] } },
          },
        },
      },
    ],
  },
  "serviceAccounts.create": {
    body: (c) => ({ name: c.world.unique("sa "), role: "owner", workspaceId: c.child("workspaceId") }),
    grants: ["owner"],
    crosses: true,
  },
};

/**
 * Operations that end the caller's sessions: they run last, each in a phase of its own after the users
 * sign in again, so they do not sign the other cells out.
 */
export const SESSION_ENDING: readonly string[] = ["auth.changePassword", "auth.logOutEverywhere"];

/** Operations that remove a tenant's one-of-a-kind settings: they run after every other cell has read them. */
export const REMOVING_SETTINGS: readonly string[] = ["sso.delete", "pricing.deleteEntry"];

/** The body a cell sends: its sample's, generated from the schema, or none. */
export async function bodyFor(contract: Contract, ctx: SampleContext): Promise<unknown> {
  const sample = SAMPLES[contract.id];
  if (sample?.body !== undefined) return sample.body(ctx);
  if (contract.body === undefined) return undefined;
  return sampleFromSchema(contract.body, ctx, "");
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  entries?: Record<string, string>;
  values?: unknown[];
  options?: z.ZodType[];
}

/**
 * The smallest value a simple schema accepts: required fields only, ids of the cell's objects for fields
 * named like path parameters, a unique email for `email`, the first enum member, empty collections.
 */
export function sampleFromSchema(schema: z.ZodType, ctx: SampleContext, key: string): unknown {
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  switch (def.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, field] of Object.entries(def.shape ?? {})) {
        const kind = (field as unknown as { _zod: { def: Def } })._zod.def.type;
        if (kind !== "optional" && kind !== "default") out[k] = sampleFromSchema(field, ctx, k);
      }
      return out;
    }
    case "string":
      if (key in FRESH) return ctx.child(key);
      if (/email/i.test(key)) return `${ctx.world.unique("gen")}@matrix.test`;
      return ctx.world.unique("matrix ");
    case "number":
      return 1;
    case "boolean":
      return true;
    case "enum":
      return Object.values(def.entries ?? {})[0];
    case "literal":
      return def.values?.[0];
    case "array":
      return [];
    case "record":
      return {};
    case "nullable":
    case "readonly":
      return sampleFromSchema(def.innerType!, ctx, key);
    case "pipe":
      return sampleFromSchema(def.in!, ctx, key);
    case "union":
      return sampleFromSchema(def.options![0]!, ctx, key);
    default:
      return undefined;
  }
}
