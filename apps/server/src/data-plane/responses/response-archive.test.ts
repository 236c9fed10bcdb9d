import { randomBytes } from "node:crypto";
import type { ResponsesResponse } from "@gatehouse/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CredentialVault } from "../../crypto/credential-vault.js";
import { SecretBox } from "../../crypto/secret-box.js";
import { createLogger } from "../../logging/create-logger.js";
import { createStore } from "../../store/create-store.js";
import type { Store } from "../../store/store.js";
import { seedTenant } from "../../store/test-stores.js";
import { newResponseId, ResponseArchive } from "./response-archive.js";

const DAY = 86_400_000;
let store: Store;
let archive: ResponseArchive;
let tenantId: string;
const clock = { t: 1_700_000_000_000 };

function response(id: string, text: string): ResponsesResponse {
  return {
    id,
    object: "response",
    created_at: 1,
    status: "completed",
    error: null,
    incomplete_details: null,
    model: "m",
    output: [
      {
        type: "message",
        id: "msg_1",
        status: "completed",
        role: "assistant",
        content: [{ type: "output_text", text, annotations: [], logprobs: [] }],
      },
    ],
    usage: null,
  };
}

beforeEach(async () => {
  store = createStore({ sqlitePath: ":memory:", now: () => clock.t });
  await store.migrate();
  tenantId = (await seedTenant(store, "A")).tenant.id;
  const vault = CredentialVault.derivedFrom(new SecretBox(randomBytes(32)));
  archive = new ResponseArchive(store, vault, 30 * DAY, () => clock.t, createLogger("silent"));
});
afterEach(() => store.close());

describe("ResponseArchive", () => {
  it("makes unguessable resp_ ids of 24 base62 characters", () => {
    const ids = new Set(Array.from({ length: 1000 }, newResponseId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^resp_[0-9A-Za-z]{24}$/);
  });

  it("stores a sealed payload that opens for its owner, with the retention as its expiry", async () => {
    const owner = { tenantId, apiKeyId: "key_1" };
    const payload = {
      input: [{ role: "user", content: "secret question" }],
      ownInputStart: 0,
      response: response("resp_a", "secret answer"),
    };
    await archive.save({ ...owner, workspaceId: "ws_1" }, "resp_0", payload);
    const opened = await archive.load(owner, "resp_a");
    expect(opened).toMatchObject({
      ...payload,
      row: { previousResponseId: "resp_0", expiresAt: clock.t + 30 * DAY },
    });
    expect(opened!.row.payload).not.toContain("secret");
    expect(await archive.load({ ...owner, apiKeyId: "key_2" }, "resp_a")).toBeUndefined();
  });

  it("a payload moved to another row does not open there: it reads as missing, never an error", async () => {
    const owner = { tenantId, apiKeyId: "key_1" };
    const author = { ...owner, workspaceId: "ws_1" };
    await archive.save(author, null, { input: [], ownInputStart: 0, response: response("resp_a", "A") });
    await archive.save(author, null, { input: [], ownInputStart: 0, response: response("resp_b", "B") });
    const a = (await store.storedResponses.get(owner, "resp_a"))!;
    await store.storedResponses.reseal("resp_b", { keyId: a.keyId, payload: a.payload });
    expect(await archive.load(owner, "resp_b")).toBeUndefined();
    expect((await archive.load(owner, "resp_a"))?.response.id).toBe("resp_a");
  });

  it("writes the saves of one event-loop turn in one statement, readable (by their owner) and removable before it", async () => {
    const owner = { tenantId, apiKeyId: "key_1" };
    const author = { ...owner, workspaceId: "ws_1" };
    const batches: number[] = [];
    const insertMany = store.storedResponses.insertMany;
    store.storedResponses.insertMany = (rows) => {
      batches.push(rows.length);
      return insertMany(rows);
    };
    const ids = Array.from({ length: 5 }, (_, i) => `resp_t${i}`);
    const saves = ids.map((id) =>
      archive.save(author, null, { input: [], ownInputStart: 0, response: response(id, id) }),
    );
    // Not written yet: read from the batch, for the owner only; a removal waits for the write.
    expect((await archive.load(owner, "resp_t0"))?.response.id).toBe("resp_t0");
    expect(await archive.load({ ...owner, apiKeyId: "key_2" }, "resp_t0")).toBeUndefined();
    expect(await archive.remove(owner, "resp_t1")).toBe(true);
    await Promise.all(saves);
    expect(batches).toEqual([5]);
    expect(await store.storedResponses.get(owner, "resp_t1")).toBeUndefined();
    for (const id of ids.filter((i) => i !== "resp_t1"))
      expect((await store.storedResponses.get(owner, id))?.id).toBe(id);
  });

  it("drains: every response saved so far is written when drain resolves (shutdown)", async () => {
    const owner = { tenantId, apiKeyId: "key_1" };
    void archive.save({ ...owner, workspaceId: "ws_1" }, null, {
      input: [],
      ownInputStart: 0,
      response: response("resp_d", "D"),
    });
    expect(await store.storedResponses.get(owner, "resp_d")).toBeUndefined();
    await archive.drain();
    expect((await store.storedResponses.get(owner, "resp_d"))?.id).toBe("resp_d");
  });

  it("logs a failed insert instead of rejecting (the answer was already sent)", async () => {
    const author = { tenantId, apiKeyId: "key_1", workspaceId: "ws_1" };
    const payload = { input: [], ownInputStart: 0, response: response("resp_a", "A") };
    await archive.save(author, null, payload);
    await expect(archive.save(author, null, payload)).resolves.toBeUndefined();
  });
});
