import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
// The SDK itself never imports the server; its end-to-end tests start the real one.
import { createPasswordHasher } from "../../../../apps/server/src/identity/session/password-hasher.js";
import {
  startTestGateway,
  type TestGateway,
} from "../../../../apps/server/src/testing/start-test-gateway.js";

/** The password of the owner `startSdkTestServer` creates. */
export const OWNER_PASSWORD = "correct horse battery staple";
export const OWNER_EMAIL = "owner@acme.test";

/** A real Gatehouse on 127.0.0.1 in front of a fake OpenAI, with a clock the test can move forward. */
export interface SdkTestServer {
  gateway: TestGateway;
  upstream: FakeServer;
  /** Moves the server's clock forward (access tokens expire after 15 minutes). */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

/**
 * Starts the real server (createApp over SQLite in memory) with sign-up open, a fake OpenAI upstream
 * serving `gpt-4o-mini` to the default tenant, and an owner of that tenant (OWNER_EMAIL / OWNER_PASSWORD).
 */
export async function startSdkTestServer(): Promise<SdkTestServer> {
  let skew = 0;
  const upstream = await startFakeOpenAI({ chunks: 4 });
  // Cheap argon2id parameters: the flows are under test here, not the hash's cost.
  const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
  const gateway = await startTestGateway({
    providers: [{ name: "openai", baseUrl: upstream.url, apiKey: "sk-test", models: ["gpt-4o-mini"] }],
    passwordHasher: hasher,
    identity: { signUpEnabled: true },
    now: () => Date.now() + skew,
  });
  await gateway.store.users.create({
    tenantId: gateway.tenant.id,
    email: OWNER_EMAIL,
    name: "Olive Owner",
    role: "owner",
    passwordHash: await hasher.hash(OWNER_PASSWORD),
  });
  return {
    gateway,
    upstream,
    advanceClock: (ms) => {
      skew += ms;
    },
    close: async () => {
      await gateway.close();
      await upstream.close();
    },
  };
}
