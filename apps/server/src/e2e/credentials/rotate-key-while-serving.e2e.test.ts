import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREDENTIALS_KEY_PURPOSE, CredentialVault } from "../../crypto/credential-vault.js";
import { keyIdOf } from "../../crypto/key-id-of.js";
import { KeyRingFile } from "../../crypto/key-ring-file.js";
import { SecretBox } from "../../crypto/secret-box.js";
import { registerProvider } from "../../services/register-provider.js";
import { rotateCredentialKey } from "../../services/rotate-credential-key.js";
import type { Store } from "../../store/store.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";

/**
 * `gatehouse credentials rotate-key` while a real gateway serves: the rotation (its own vault over the
 * same key ring file, as the CLI process has) re-wraps every provider's data key while chat requests to
 * every provider keep flowing, and the gateway reloads its routing snapshot in the middle of it (rows
 * under the old and the new key at once) and after it. Every request succeeds; every provider routes.
 */
const PROVIDERS = 8;
const KEY = "sk-rotation-abcdefghijklmnop4321";

let dir: string;
let fake: FakeServer;
let gw: TestGateway;
let ring: KeyRingFile;
let box: SecretBox;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gatehouse-rotate-e2e-"));
  fake = await startFakeOpenAI({ apiKey: KEY });
  box = new SecretBox(randomBytes(32));
  ring = new KeyRingFile(join(dir, "credentials.keys"), box.derive(CREDENTIALS_KEY_PURPOSE));
  const providers = Array.from({ length: PROVIDERS }, (_, i) => ({
    name: `p${i}`,
    baseUrl: fake.url,
    apiKey: KEY,
    models: [`m${i}`],
  }));
  gw = await startTestGateway({ secretBox: box, credentialVault: new CredentialVault(box, ring), providers });
});
afterAll(async () => {
  await gw.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

async function chat(model: string): Promise<number> {
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${gw.key}`, "content-type": "application/json" },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "hi" }] }),
  });
  await res.text();
  return res.status;
}

const everyModel = () => Array.from({ length: PROVIDERS }, (_, i) => `m${i}`);

describe("rotating the credentials key while serving", () => {
  it("keeps every provider routing during and after the rotation", async () => {
    expect(await Promise.all(everyModel().map(chat))).toEqual(everyModel().map(() => 200));
    const oldKeyId = keyIdOf(ring.load()[0]!);

    let stop = false;
    const statuses: number[] = [];
    const traffic = (async () => {
      while (!stop) statuses.push(...(await Promise.all(everyModel().map(chat))));
    })();

    // Halfway through, the gateway gets a configuration change: it reloads its snapshot while half the
    // rows are wrapped under the new key, and seals a new provider under the new key by itself.
    let writes = 0;
    const store: Store = {
      ...gw.store,
      providers: {
        ...gw.store.providers,
        reseal: async (...args) => {
          const swapped = await gw.store.providers.reseal(...args);
          if (++writes === PROVIDERS / 2) {
            await registerProvider(gw.store, gw.credentialVault, {
              tenantId: gw.tenant.id,
              name: "added-during",
              kind: "openai",
              baseUrl: fake.url,
              apiKey: KEY,
              models: ["m-during"],
            });
            await gw.app.refresh();
            statuses.push(...(await Promise.all([...everyModel(), "m-during"].map(chat))));
          }
          return swapped;
        },
      },
    };
    const result = await rotateCredentialKey(
      store,
      new KeyRingFile(ring.path, box.derive(CREDENTIALS_KEY_PURPOSE)),
      box,
      {
        batchSize: 2,
      },
    );
    stop = true;
    await traffic;

    expect(result.retired).toEqual([oldKeyId]);
    const rows = await gw.store.providers.list(gw.tenant.id);
    expect(rows.map((p) => p.credentials?.keyId)).toEqual(rows.map(() => result.keyId));
    expect(statuses.length).toBeGreaterThan(PROVIDERS);
    expect(statuses.every((s) => s === 200)).toBe(true);

    // After it: another change makes the gateway reload with only the new key in the ring.
    await gw.store.models.create({
      tenantId: gw.tenant.id,
      name: "unrouted",
      inputPricePerMTok: 0,
      outputPricePerMTok: 0,
      contextWindow: null,
      maxOutputTokens: null,
    });
    await gw.app.refresh();
    expect(await Promise.all([...everyModel(), "m-during"].map(chat))).toEqual(
      [...everyModel(), "m-during"].map(() => 200),
    );
    expect(gw.logs.join("\n")).not.toContain("provider left out of routing");
  });
});
