import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CAPTURE_PURPOSE, openCapture } from "../capture/capture-writer.js";
import { CREDENTIALS_KEY_PURPOSE, CredentialVault } from "../crypto/credential-vault.js";
import { keyIdOf } from "../crypto/key-id-of.js";
import { KeyRingFile } from "../crypto/key-ring-file.js";
import { STORED_RESPONSE_PURPOSE } from "../crypto/reseal-stored-response.js";
import { SecretBox } from "../crypto/secret-box.js";
import { ResponseArchive } from "../data-plane/responses/response-archive.js";
import { createLogger } from "../logging/create-logger.js";
import { createStore } from "../store/create-store.js";
import type { Store } from "../store/store.js";
import { seedTenant } from "../store/test-stores.js";
import { registerProvider } from "./register-provider.js";
import { type RotationProgress, rotateCredentialKey } from "./rotate-credential-key.js";

let dir: string;
let store: Store;
let box: SecretBox;
let ring: KeyRingFile;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "gatehouse-rotate-"));
  store = createStore({ sqlitePath: ":memory:", walCheckpointer: false });
  await store.migrate();
  box = new SecretBox(randomBytes(32));
  ring = new KeyRingFile(join(dir, "credentials.keys"), box.derive(CREDENTIALS_KEY_PURPOSE));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const keyOf = (i: number) => `sk-provider-${String(i).padStart(4, "0")}-abcdefghijklmnop`;

/** `envelopes` providers sealed by the vault, `legacy` stored in the older SecretBox format, one without. */
async function seed(envelopes: number, legacy: number) {
  const { tenant } = await seedTenant(store, "Acme");
  const vault = new CredentialVault(box, ring);
  for (let i = 0; i < envelopes; i++) {
    await registerProvider(store, vault, {
      tenantId: tenant.id,
      name: `p${i}`,
      kind: "openai",
      baseUrl: "https://x.test/v1",
      apiKey: keyOf(i),
    });
  }
  for (let i = envelopes; i < envelopes + legacy; i++) {
    await store.providers.create({
      tenantId: tenant.id,
      name: `p${i}`,
      kind: "openai",
      baseUrl: "https://x.test/v1",
      credentials: box.seal(JSON.stringify({ apiKey: keyOf(i) })),
      config: {},
    });
  }
  await registerProvider(store, vault, {
    tenantId: tenant.id,
    name: "local",
    kind: "ollama",
    baseUrl: "http://127.0.0.1:11434",
  });
  return tenant.id;
}

/** Every provider's key, opened by a vault that reads the ring afresh. */
async function openedKeys(tenantId: string): Promise<Record<string, string>> {
  const vault = new CredentialVault(box, new KeyRingFile(ring.path, box.derive(CREDENTIALS_KEY_PURPOSE)));
  const out: Record<string, string> = {};
  for (const p of await store.providers.list(tenantId)) {
    if (p.credentials)
      out[p.name] = JSON.parse(vault.open({ tenantId, recordId: p.id }, p.credentials)).apiKey;
  }
  return out;
}

describe("rotateCredentialKey", () => {
  it("re-wraps every record under a new key, re-seals the old format, fills hints, then retires the old key", async () => {
    const tenantId = await seed(12, 5);
    const before = await openedKeys(tenantId);
    const oldKeyId = keyIdOf(ring.load()[0]!);
    const progress: RotationProgress[] = [];
    const result = await rotateCredentialKey(store, ring, box, {
      batchSize: 4,
      onProgress: (p) => progress.push(p),
    });

    expect(result.resumed).toBe(false);
    expect(result.resealed).toBe(17);
    expect(result.retired).toEqual([oldKeyId]);
    expect(ring.load().map(keyIdOf)).toEqual([result.keyId]);
    expect(statSync(ring.path).mode & 0o777).toBe(0o600);
    expect(progress.at(-1)).toEqual({ done: 17, total: 17, pass: 2 });
    expect(progress.filter((p) => p.pass === 1).at(-1)).toEqual({ done: 17, total: 17, pass: 1 });
    for (const p of await store.providers.list(tenantId)) {
      if (p.credentials === null) continue;
      expect(p.credentials.keyId).toBe(result.keyId);
      expect(p.credentials.ciphertext.startsWith("env1.")).toBe(true);
      expect(p.credentialsLastFour).toBe("…mnop");
    }
    expect(await openedKeys(tenantId)).toEqual(before);
    // A second rotation starts over with yet another key.
    const again = await rotateCredentialKey(store, ring, box);
    expect(again.keyId).not.toBe(result.keyId);
    expect(await openedKeys(tenantId)).toEqual(before);
  });

  it("re-wraps prompt captures too, so they still open once the old key is retired", async () => {
    const tenantId = await seed(1, 0);
    const { workspace } = await seedTenant(store, "Captures");
    const vault = new CredentialVault(box, ring);
    const who = { tenantId, recordId: "req_1" };
    const request = vault.seal(who, '{"prompt":"hi"}', CAPTURE_PURPOSE);
    const response = vault.seal(who, '{"answer":"yo"}', `${CAPTURE_PURPOSE}.response`);
    await store.captures.insert({
      id: "req_1",
      tenantId,
      workspaceId: workspace.id,
      createdAt: 1,
      keyId: request.keyId,
      requestBody: request.ciphertext,
      responseBody: response.ciphertext,
      requestBytes: 15,
      responseBytes: 15,
      requestTruncated: false,
      responseTruncated: false,
    });
    const result = await rotateCredentialKey(store, ring, box);
    const stored = (await store.forTenant(tenantId).captures.get("req_1"))!;
    expect(stored.keyId).toBe(result.keyId);
    // A vault holding only the new key (the old one retired) opens both bodies.
    expect(openCapture(new CredentialVault(box, ring), stored)).toEqual({
      request: '{"prompt":"hi"}',
      response: '{"answer":"yo"}',
    });
  });

  it("re-wraps stored responses too, so they still open once the old key is retired", async () => {
    const tenantId = await seed(1, 0);
    const vault = new CredentialVault(box, ring);
    const payload = {
      input: [],
      ownInputStart: 0,
      response: { id: "resp_1", status: "completed", output: [] },
    };
    const sealed = vault.seal(
      { tenantId, recordId: "resp_1" },
      JSON.stringify(payload),
      STORED_RESPONSE_PURPOSE,
    );
    const owner = { tenantId, apiKeyId: "key_1" };
    await store.storedResponses.insert({
      id: "resp_1",
      ...owner,
      workspaceId: "ws_1",
      createdAt: Date.now(),
      expiresAt: Date.now() + 86_400_000,
      status: "completed",
      model: "m",
      previousResponseId: null,
      keyId: sealed.keyId,
      payload: sealed.ciphertext,
    });
    const result = await rotateCredentialKey(store, ring, box);
    const archive = new ResponseArchive(
      store,
      new CredentialVault(box, ring),
      1,
      Date.now,
      createLogger("silent"),
    );
    const opened = await archive.load(owner, "resp_1");
    expect(opened?.row.keyId).toBe(result.keyId);
    expect(opened?.response).toEqual(payload.response);
  });

  it("an interrupted rotation leaves every record readable and is finished by running it again", async () => {
    const tenantId = await seed(10, 3);
    const before = await openedKeys(tenantId);
    const oldKeyId = keyIdOf(ring.load()[0]!);
    // The process dies after 5 rows were updated.
    let writes = 0;
    const dying: Store = {
      ...store,
      providers: {
        ...store.providers,
        reseal: async (...args) => {
          if (++writes > 5) throw new Error("killed");
          return store.providers.reseal(...args);
        },
      },
    };
    await expect(rotateCredentialKey(dying, ring, box, { batchSize: 3 })).rejects.toThrow("killed");
    const keys = ring.load().map(keyIdOf);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(oldKeyId);
    const keyIds = new Set(
      (await store.providers.list(tenantId)).flatMap((p) => (p.credentials ? [p.credentials.keyId] : [])),
    );
    expect(keyIds.size).toBeGreaterThan(1);
    expect(await openedKeys(tenantId)).toEqual(before);

    const resumed = await rotateCredentialKey(store, ring, box, { batchSize: 3 });
    expect(resumed).toMatchObject({ resumed: true, keyId: keys[0], retired: [oldKeyId] });
    expect(resumed.resealed).toBe(13 - 5);
    expect(ring.load().map(keyIdOf)).toEqual([keys[0]]);
    expect(await openedKeys(tenantId)).toEqual(before);
  });

  it("leaves alone a credential changed while it ran (compare and swap), and still finishes", async () => {
    const tenantId = await seed(3, 0);
    const vault = new CredentialVault(box, ring);
    const first = (await store.providers.list(tenantId)).find((p) => p.credentials !== null);
    let changed = false;
    const racing: Store = {
      ...store,
      providers: {
        ...store.providers,
        reseal: async (id, expected, next, lastFour) => {
          if (!changed && id === first!.id) {
            changed = true;
            // A user replaces the key between the read and the write.
            const sealed = vault.seal(
              { tenantId, recordId: id },
              JSON.stringify({ apiKey: "sk-replaced-0000000000000000zzzz" }),
            );
            await store.providers.update(tenantId, id, { credentials: { sealed, lastFour: "…zzzz" } });
          }
          return store.providers.reseal(id, expected, next, lastFour);
        },
      },
    };
    await rotateCredentialKey(racing, ring, box);
    const keys = await openedKeys(tenantId);
    expect(keys[first!.name]).toBe("sk-replaced-0000000000000000zzzz");
    expect(Object.keys(keys)).toHaveLength(3);
  });
});
