import { GatewayError } from "@gatehouse/protocol";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApiKey } from "../../auth/api-key-format.js";
import { issueApiKey } from "../../auth/issue-api-key.js";
import { KeyResolver } from "../../auth/key-resolver.js";
import { ensureDefaultTenant } from "../../bootstrap/ensure-default-tenant.js";
import { createStore } from "../../store/create-store.js";
import type { Store } from "../../store/store.js";
import type { Tenant, Workspace } from "../../store/store-types.js";
import { authenticate } from "./authenticate.js";

let store: Store;
let tenant: Tenant;
let workspace: Workspace;
let clock = 1_000_000;
let keys: KeyResolver;

beforeAll(async () => {
  store = createStore({ sqlitePath: ":memory:" });
  await store.migrate();
  ({ tenant, workspace } = await ensureDefaultTenant(store));
  keys = new KeyResolver(store, { now: () => clock, ttlMs: 0, negativeTtlMs: 0 });
});
afterAll(() => store.close());

async function refusal(presented: string | undefined): Promise<GatewayError> {
  const err = await authenticate(keys, presented, "127.0.0.1").then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GatewayError);
  return err as GatewayError;
}

describe("authenticate", () => {
  it("turns a valid key into its principal: the key, its tenant and workspace", async () => {
    const { apiKey, secret } = await issueApiKey(store, {
      tenantId: tenant.id,
      workspaceId: workspace.id,
      name: "k",
    });
    const principal = await authenticate(keys, secret, "127.0.0.1");
    expect(principal).toMatchObject({
      kind: "api_key",
      id: apiKey.id,
      tenantId: tenant.id,
      workspaceId: workspace.id,
      userId: null,
      serviceAccountId: null,
    });
    expect(principal.allowsModel("any-model")).toBe(true);
  });

  it("refuses a missing, malformed or unknown key with its own 401", async () => {
    expect((await refusal(undefined)).code).toBe("missing_api_key");
    expect((await refusal("")).code).toBe("missing_api_key");
    expect((await refusal("sk-not-ours")).code).toBe("invalid_api_key");
    expect((await refusal(generateApiKey())).code).toBe("invalid_api_key"); // well formed, never issued
  });

  it("refuses a revoked key and an expired key", async () => {
    const revoked = await issueApiKey(store, { tenantId: tenant.id, workspaceId: workspace.id, name: "r" });
    await store.apiKeys.revoke(tenant.id, revoked.apiKey.id);
    expect((await refusal(revoked.secret)).code).toBe("revoked_api_key");
    const expiring = await issueApiKey(store, {
      tenantId: tenant.id,
      workspaceId: workspace.id,
      name: "e",
      expiresAt: clock + 10,
    });
    expect((await authenticate(keys, expiring.secret, "127.0.0.1")).id).toBe(expiring.apiKey.id);
    clock += 10;
    expect((await refusal(expiring.secret)).code).toBe("expired_api_key");
  });

  it("answers anything that is not an issued key with a 401, never another status", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string({ unit: "binary" }),
          fc.constant(null).map(() => generateApiKey()),
        ),
        async (presented) => {
          const err = await refusal(presented);
          expect(err.status).toBe(401);
          expect(["missing_api_key", "invalid_api_key"]).toContain(err.code);
        },
      ),
      { numRuns: 60 },
    );
  });
});
