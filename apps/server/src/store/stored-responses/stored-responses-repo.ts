import type { SealedStoredResponse, StoredResponseOwner } from "../../domain/stored-response.js";
import type { StoredResponsesTable } from "../database.js";
import type { RepoContext } from "../repo-context.js";

/**
 * Stored Responses API answers (migration 0021). Every read and removal is bound to the owner (tenant
 * AND API key): another tenant's or another key's id reads as missing. Expired rows read as missing too,
 * even before the sweep deletes them.
 */
export interface StoredResponsesStore {
  /** Stores one response; ids are the gateway's own, so a second insert of an id is a bug (it throws). */
  insert(row: SealedStoredResponse): Promise<void>;
  /** Stores several in one statement (one commit: the pages they share are written once). */
  insertMany(rows: readonly SealedStoredResponse[]): Promise<void>;
  /** The owner's response `id`, undefined when missing, expired, or not the owner's. */
  get(owner: StoredResponseOwner, id: string): Promise<SealedStoredResponse | undefined>;
  /** Deletes the owner's response `id`; false when there was none to delete. */
  remove(owner: StoredResponseOwner, id: string): Promise<boolean>;
  /** Deletes up to `limit` responses expired at `now`, oldest expiry first; answers how many. */
  deleteExpired(now: number, limit: number): Promise<number>;
  /** Up to `limit` responses of any tenant not sealed under `keyId`, by id after `afterId` (key rotation). */
  listSealedNotUnder(keyId: string, afterId: string, limit: number): Promise<SealedStoredResponse[]>;
  /** Replaces one response's sealed payload (re-wrapped under another master key). */
  reseal(id: string, next: Pick<SealedStoredResponse, "keyId" | "payload">): Promise<void>;
}

/**
 * The stored responses' queries (see StoredResponsesStore).
 *
 * @example
 * await store.storedResponses.get({ tenantId, apiKeyId }, "resp_abc");
 */
function toRow(r: SealedStoredResponse): StoredResponsesTable {
  return {
    id: r.id,
    tenant_id: r.tenantId,
    api_key_id: r.apiKeyId,
    workspace_id: r.workspaceId,
    created_at: r.createdAt,
    expires_at: r.expiresAt,
    status: r.status,
    model: r.model,
    previous_response_id: r.previousResponseId,
    key_id: r.keyId,
    payload: r.payload,
  };
}

export function createStoredResponsesStore({ db, now }: RepoContext): StoredResponsesStore {
  const insertMany = async (rows: readonly SealedStoredResponse[]) => {
    if (rows.length > 0) await db.insertInto("stored_responses").values(rows.map(toRow)).execute();
  };
  return {
    insert: (r) => insertMany([r]),
    insertMany,
    async get(owner, id) {
      const row = await db
        .selectFrom("stored_responses")
        .selectAll()
        .where("tenant_id", "=", owner.tenantId)
        .where("api_key_id", "=", owner.apiKeyId)
        .where("id", "=", id)
        .where("expires_at", ">", now())
        .executeTakeFirst();
      return row && toStored(row);
    },
    async remove(owner, id) {
      const result = await db
        .deleteFrom("stored_responses")
        .where("tenant_id", "=", owner.tenantId)
        .where("api_key_id", "=", owner.apiKeyId)
        .where("id", "=", id)
        .where("expires_at", ">", now())
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async deleteExpired(at, limit) {
      // One bounded batch: the ids first (by the expires_at index), then those rows only.
      const ids = await db
        .selectFrom("stored_responses")
        .select("id")
        .where("expires_at", "<=", at)
        .orderBy("expires_at")
        .limit(limit)
        .execute();
      if (ids.length === 0) return 0;
      const result = await db
        .deleteFrom("stored_responses")
        .where(
          "id",
          "in",
          ids.map((r) => r.id),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async listSealedNotUnder(keyId, afterId, limit) {
      const rows = await db
        .selectFrom("stored_responses")
        .selectAll()
        .where("id", ">", afterId)
        .where("key_id", "<>", keyId)
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map(toStored);
    },
    async reseal(id, next) {
      await db
        .updateTable("stored_responses")
        .set({ key_id: next.keyId, payload: next.payload })
        .where("id", "=", id)
        .execute();
    },
  };
}

function toStored(row: StoredResponsesTable): SealedStoredResponse {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    apiKeyId: row.api_key_id,
    workspaceId: row.workspace_id,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    status: row.status,
    model: row.model,
    previousResponseId: row.previous_response_id,
    keyId: row.key_id,
    payload: row.payload,
  };
}
