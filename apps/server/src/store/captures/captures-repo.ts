import {
  type CaptureSettings,
  DEFAULT_CAPTURE_SETTINGS,
  type SealedCapture,
} from "../../domain/capture-settings.js";
import type { CaptureSettingsTable, PromptCapturesTable } from "../database.js";
import { inTransaction } from "../in-transaction.js";
import type { RepoContext } from "../repo-context.js";
import { bumpScope } from "../revisions/bump-scope.js";
import type { CapturesStore, TenantCapturesRepo } from "./capture-types.js";

/**
 * One tenant's capture setting and captures, every query bound to `tenantId` (see TenantCapturesRepo).
 *
 * @example
 * await store.forTenant(tenantId).captures.updateSettings({ enabled: true });
 */
export function createTenantCapturesRepo({ db, now }: RepoContext, tenantId: string): TenantCapturesRepo {
  const getSettings = async () =>
    toSettings(
      await db
        .selectFrom("capture_settings")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .executeTakeFirst(),
    );
  return {
    getSettings,
    async updateSettings(patch) {
      const current = await getSettings();
      if (patch.enabled === undefined && patch.maxBytes === undefined) return current;
      const next: CaptureSettings = {
        enabled: patch.enabled ?? current.enabled,
        maxBytes: patch.maxBytes ?? current.maxBytes,
      };
      const values = { enabled: next.enabled ? 1 : 0, max_bytes: next.maxBytes, updated_at: now() };
      await inTransaction(db, async (trx) => {
        await trx
          .insertInto("capture_settings")
          .values({ tenant_id: tenantId, ...values })
          .onConflict((oc) => oc.column("tenant_id").doUpdateSet(values))
          .execute();
        // The data plane reads the setting from the tenant's catalog part: rebuild it everywhere.
        await bumpScope(trx, tenantId, "catalog");
      });
      return next;
    },
    async get(id) {
      const row = await db
        .selectFrom("prompt_captures")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .executeTakeFirst();
      return row && toCapture(row);
    },
  };
}

/**
 * Every tenant's capture setting (start-up snapshot) and the data plane's inserts.
 *
 * @example
 * await store.captures.insert(sealed);
 */
export function createCapturesStore({ db }: RepoContext): CapturesStore {
  return {
    async listAllSettings() {
      const rows = await db.selectFrom("capture_settings").selectAll().execute();
      return new Map(rows.map((r) => [r.tenant_id, toSettings(r)]));
    },
    async insert(c) {
      await db
        .insertInto("prompt_captures")
        .values({
          id: c.id,
          tenant_id: c.tenantId,
          workspace_id: c.workspaceId,
          created_at: c.createdAt,
          key_id: c.keyId,
          request_body: c.requestBody,
          response_body: c.responseBody,
          request_bytes: c.requestBytes,
          response_bytes: c.responseBytes,
          request_truncated: c.requestTruncated ? 1 : 0,
          response_truncated: c.responseTruncated ? 1 : 0,
        })
        .onConflict((oc) => oc.column("id").doNothing())
        .execute();
    },
    async listSealedNotUnder(keyId, afterId, limit) {
      const rows = await db
        .selectFrom("prompt_captures")
        .selectAll()
        .where("id", ">", afterId)
        .where("key_id", "<>", keyId)
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map(toCapture);
    },
    async reseal(id, next) {
      await db
        .updateTable("prompt_captures")
        .set({ key_id: next.keyId, request_body: next.requestBody, response_body: next.responseBody })
        .where("id", "=", id)
        .execute();
    },
  };
}

function toSettings(row: CaptureSettingsTable | undefined): CaptureSettings {
  if (!row) return { ...DEFAULT_CAPTURE_SETTINGS };
  return { enabled: Number(row.enabled) === 1, maxBytes: Number(row.max_bytes) };
}

function toCapture(row: PromptCapturesTable): SealedCapture {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    workspaceId: row.workspace_id,
    createdAt: Number(row.created_at),
    keyId: row.key_id,
    requestBody: row.request_body,
    responseBody: row.response_body,
    requestBytes: Number(row.request_bytes),
    responseBytes: Number(row.response_bytes),
    requestTruncated: Number(row.request_truncated) === 1,
    responseTruncated: Number(row.response_truncated) === 1,
  };
}
