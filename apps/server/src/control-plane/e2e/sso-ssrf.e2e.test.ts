import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { apiClient } from "./control-plane-api.js";

// A tenant owner names the identity provider: its address must not reach inside the network.
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
let gw: TestGateway;
let call: ReturnType<typeof apiClient>;
let owner: string;

beforeAll(async () => {
  gw = await startTestGateway({ passwordHasher: hasher, identity: { publicUrl: "https://gatehouse.test" } });
  call = apiClient(gw.url);
  await gw.store.users.create({
    tenantId: gw.tenant.id,
    email: "owner@acme.test",
    name: "Owner",
    role: "owner",
    passwordHash: await hasher.hash(PASSWORD),
  });
  owner = (await call("POST", "/api/auth/login", { body: { email: "owner@acme.test", password: PASSWORD } }))
    .json.accessToken;
});
afterAll(() => gw.close());

describe("single sign-on settings and private addresses", () => {
  it.each([
    ["cloud metadata", "https://169.254.169.254"],
    ["a private network", "https://10.255.255.1"],
    ["a private IPv6 network", "https://[fd00::1]"],
  ])(
    "refuses an issuer on %s before connecting (the SSRF guard), as a 400 on the field",
    async (_, issuer) => {
      const res = await call("PUT", `/api/tenants/${gw.tenant.id}/sso`, {
        token: owner,
        body: { issuer, clientId: "gatehouse", clientSecret: "s3cret-value", mapping: { rules: [] } },
      });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toMatch(
        /^body\.issuer: The provider's discovery failed: .*GATEHOUSE_SSRF_BLOCKED/,
      );
      // The internal address resolved is not told back; the category is enough.
      expect(res.text).not.toContain("s3cret");
    },
  );
});
