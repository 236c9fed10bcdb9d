// Example: sign in, create a workspace and an API key, list and revoke keys, persisting rotated tokens.
// Run: GATEHOUSE_URL=http://localhost:8080 GATEHOUSE_EMAIL=admin@localhost GATEHOUSE_PASSWORD=… node manage-keys.js
import { createGatehouseClient, GatehouseApiError } from "@gatehouse/sdk";

const client = createGatehouseClient({
  baseUrl: process.env.GATEHOUSE_URL ?? "http://localhost:8080",
  // Called after sign-in and after each refresh: the previous refresh token no longer works.
  onTokens: ({ refreshToken }) => console.error(`new refresh token ${refreshToken.slice(0, 8)}…`),
});

await client.auth.logIn({
  body: { email: process.env.GATEHOUSE_EMAIL ?? "", password: process.env.GATEHOUSE_PASSWORD ?? "" },
});
const me = await client.auth.me();
const tenantId = me.memberships[0]?.tenantId;
if (tenantId === undefined) throw new Error("This account belongs to no tenant.");

const workspace = await client.workspaces.create({ params: { tenantId }, body: { name: "Research" } });
const { key, secret } = await client.keys.create({
  params: { tenantId, workspaceId: workspace.id },
  body: { name: "ci", allowedModels: ["gpt-4o-mini"] },
});
console.log(`created ${key.id}; the secret is shown only now: ${secret}`);

for await (const k of client.paginate("keys.list", { params: { tenantId }, query: { status: "active" } })) {
  console.log(k.id, k.name, k.prefix, k.workspaceId);
}

try {
  await client.keys.revoke({ params: { tenantId, keyId: key.id } });
  await client.keys.revoke({ params: { tenantId, keyId: "key_00000000000000000000" } });
} catch (err) {
  if (err instanceof GatehouseApiError && err.code === "not_found") console.log("no such key");
  else throw err;
}
