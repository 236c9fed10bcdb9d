import { newId } from "../new-id.js";
import type { RepoContext } from "../repo-context.js";
import type { TenantStore } from "../tenancy-types.js";
import { paginate } from "./paginate.js";
import { toAuditEntry } from "./tenancy-row-mappers.js";

/**
 * A tenant's audit log: append-only, stamped by the store's clock, listed by time (newest first with
 * `order: "desc"`) and filtered by action, actor, target and a time window. `before` and `after` are stored
 * as JSON; the caller removes secrets first.
 *
 * @example
 * await createAuditRepo(ctx, tenantId).append({ actorKind: "user", actorId, action: "key.revoke",
 *   targetKind: "api_key", targetId: key.id, ip, userAgent, before: key, after: null });
 */
export function createAuditRepo({ db, now }: RepoContext, tenantId: string): TenantStore["audit"] {
  return {
    async append(entry) {
      const row = {
        id: newId("aud"),
        tenant_id: tenantId,
        at: now(),
        actor_kind: entry.actorKind,
        actor_id: entry.actorId,
        action: entry.action,
        target_kind: entry.targetKind,
        target_id: entry.targetId,
        ip: entry.ip,
        user_agent: entry.userAgent,
        before: toJson(entry.before),
        after: toJson(entry.after),
      };
      await db.insertInto("audit_log").values(row).execute();
      return toAuditEntry(row);
    },
    list(page, filter = {}) {
      let q = db.selectFrom("audit_log").selectAll().where("tenant_id", "=", tenantId);
      if (filter.action !== undefined) q = q.where("action", "=", filter.action);
      if (filter.actorId !== undefined) q = q.where("actor_id", "=", filter.actorId);
      if (filter.targetKind !== undefined) q = q.where("target_kind", "=", filter.targetKind);
      if (filter.targetId !== undefined) q = q.where("target_id", "=", filter.targetId);
      if (filter.since !== undefined) q = q.where("at", ">=", filter.since);
      if (filter.until !== undefined) q = q.where("at", "<", filter.until);
      return paginate(q, page, { at: "at", id: "id" }, toAuditEntry, (r) => [r.at, r.id]);
    },
  };
}

/** Absent (undefined) and null both store as null: "no before" for a create, "no after" for a delete. */
function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
