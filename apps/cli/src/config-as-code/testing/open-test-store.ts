import { randomBytes } from "node:crypto";
import { CredentialVault, createStore, ensureDefaultTenant, SecretBox } from "@gatehouse/server";

/** A migrated SQLite store in memory with its default tenant and a fresh encryption key. */
export async function openTestStore() {
  const store = createStore({ sqlitePath: ":memory:", walCheckpointer: false });
  await store.migrate();
  const secretBox = new SecretBox(randomBytes(32));
  const credentialVault = CredentialVault.derivedFrom(secretBox);
  const { tenant } = await ensureDefaultTenant(store);
  return { store, secretBox, credentialVault, tenantId: tenant.id };
}
