import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { issueApiKey } from "../auth/issue-api-key.js";
import { ensureDefaultTenant } from "../bootstrap/ensure-default-tenant.js";
import { type AppDeps, createApp, type GatehouseApp } from "../create-app.js";
import { CredentialVault } from "../crypto/credential-vault.js";
import { SecretBox } from "../crypto/secret-box.js";
import type { ProviderKind } from "../domain/provider.js";
import { createLogger } from "../logging/create-logger.js";
import { registerProvider } from "../services/register-provider.js";
import { createStore } from "../store/create-store.js";
import type { Store } from "../store/store.js";
import type { Tenant, Workspace } from "../store/store-types.js";

export interface TestGateway {
  /** http://127.0.0.1:PORT */
  url: string;
  app: GatehouseApp;
  store: Store;
  secretBox: SecretBox;
  credentialVault: CredentialVault;
  tenant: Tenant;
  workspace: Workspace;
  /** A valid key of the default tenant. */
  key: string;
  /** Every log line written so far, raw JSON text. */
  logs: string[];
  close(): Promise<void>;
}

export interface TestGatewayOptions extends Partial<Omit<AppDeps, "store" | "secretBox" | "logger">> {
  /** The installation key (random by default). */
  secretBox?: SecretBox;
  /** Providers to register before the app starts. */
  providers?: Array<{
    name: string;
    /** A provider kind ("openai" unless given); tests build provider lists from plain strings. */
    kind?: string;
    baseUrl: string;
    apiKey?: string;
    models?: string[];
    wildcard?: boolean;
    /** The provider's non-secret settings (e.g. `responsesApi`, `apiVersion`). */
    config?: Record<string, unknown>;
  }>;
  /** A store to use instead of a fresh SQLite in memory. */
  store?: Store;
}

/**
 * A real Gatehouse on 127.0.0.1 with an ephemeral port, over SQLite in memory (or a given store),
 * with providers registered, a key issued, and every log line captured for assertions.
 */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const store = options.store ?? createStore({ sqlitePath: ":memory:" });
  await store.migrate();
  const secretBox = options.secretBox ?? new SecretBox(randomBytes(32));
  const credentialVault = options.credentialVault ?? CredentialVault.derivedFrom(secretBox);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(...String(chunk).split("\n").filter(Boolean));
      cb();
    },
  });
  const logger = createLogger("info", sink);
  const { tenant, workspace } = await ensureDefaultTenant(store);
  for (const p of options.providers ?? []) {
    const kind = (p.kind ?? "openai") as ProviderKind;
    await registerProvider(store, credentialVault, { tenantId: tenant.id, ...p, kind });
  }
  const { secret } = await issueApiKey(store, {
    tenantId: tenant.id,
    workspaceId: workspace.id,
    name: "test",
  });
  const app = await createApp({
    ...options,
    store,
    secretBox,
    credentialVault,
    logger,
    refreshIntervalMs: options.refreshIntervalMs ?? 50,
    // Tests run their OpenID provider on 127.0.0.1 over plain http.
    sso: { allowHttpLoopbackIssuer: true, ...options.sso },
  });
  await app.server.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    store,
    secretBox,
    credentialVault,
    tenant,
    workspace,
    key: secret,
    logs,
    close: async () => {
      await app.server.close();
      await app.shutdown();
      await store.close();
    },
  };
}
