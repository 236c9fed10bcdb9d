import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { issueApiKey } from "../auth/issue-api-key.js";
import type { Config } from "../config/config.js";
import type { CredentialVault } from "../crypto/credential-vault.js";
import { registerProvider } from "../services/register-provider.js";
import type { Store } from "../store/store.js";
import { ensureDefaultTenant } from "./ensure-default-tenant.js";
import { envProviders } from "./env-providers.js";

/** What a first start created, to print once. */
export interface FirstRunResult {
  adminEmail: string;
  adminPassword: string;
  apiKey: string;
  providers: string[];
  /** Whether the tenant has any provider (from the environment, or added with the CLI before). */
  hasProviders: boolean;
}

/**
 * On the first start (no user yet): the admin account, a first API key, and the providers found in the
 * environment. Returns undefined on later starts. The password and key exist only in the return value.
 */
export async function firstRun(
  store: Store,
  vault: CredentialVault,
  config: Config,
  logger: Logger,
): Promise<FirstRunResult | undefined> {
  if ((await store.users.count()) > 0) return undefined;
  const { tenant, workspace } = await ensureDefaultTenant(store);
  const adminPassword = randomBytes(18).toString("base64url");
  const admin = await store.users.create({
    tenantId: tenant.id,
    email: config.adminEmail,
    name: "Administrator",
    role: "owner",
    // Loaded only here: the native argon2 module is needed once, on the first start.
    passwordHash: await (await import("@node-rs/argon2")).hash(adminPassword),
  });
  const { secret } = await issueApiKey(store, {
    tenantId: tenant.id,
    workspaceId: workspace.id,
    userId: admin.id,
    name: "first key",
  });
  const providers: string[] = [];
  for (const p of envProviders(config.envProviders)) {
    try {
      await registerProvider(store, vault, { ...p, tenantId: tenant.id });
      providers.push(`${p.name} (${p.baseUrl}; models: ${p.name}/*)`);
    } catch (err) {
      logger.warn(
        { provider: p.name, reason: (err as Error).message },
        "provider from the environment not added",
      );
    }
  }
  const hasProviders = (await store.providers.list(tenant.id)).length > 0;
  return { adminEmail: config.adminEmail, adminPassword, apiKey: secret, providers, hasProviders };
}
