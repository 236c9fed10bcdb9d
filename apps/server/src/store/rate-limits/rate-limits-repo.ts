import { GatewayError } from "@gatehouse/protocol";
import type { Kysely, Selectable } from "kysely";
import type { DB, RateLimitsTable } from "../database.js";
import { inTransaction } from "../in-transaction.js";
import { newId } from "../new-id.js";
import type { RepoContext } from "../repo-context.js";
import { bumpScope } from "../revisions/bump-scope.js";
import { paginate } from "../tenancy/paginate.js";
import { translateConstraintError } from "../translate-constraint-error.js";
import type { LimitScopeKind, RateLimitRule, RateLimitsRepo } from "./rate-limit-types.js";

/**
 * A tenant's rate limits. Every change bumps the tenant's `limits` revision in the same transaction, so
 * every instance reloads that tenant's part of its rate-limit snapshot. A limit must set at least one of
 * rpm, tpm, concurrency, each a positive integer (`invalid_request` otherwise).
 *
 * @example
 * await store.forTenant(t).rateLimits.create({ scopeKind: "workspace", scopeId: ws, model: "gpt-4o", rpm: 60 });
 */
export function createRateLimitsRepo({ db, now }: RepoContext, tenantId: string): RateLimitsRepo {
  const scoped = (q: Kysely<DB> = db) =>
    q.selectFrom("rate_limits").selectAll().where("tenant_id", "=", tenantId);
  const get = async (id: string, q: Kysely<DB> = db) => {
    const row = await scoped(q).where("id", "=", id).executeTakeFirst();
    return row && toRateLimitRule(row);
  };
  const taken = "This scope already has a rate limit for that model; update it instead.";
  return {
    async create(input) {
      const at = now();
      const row = {
        id: newId("rl"),
        tenant_id: tenantId,
        scope_kind: input.scopeKind,
        scope_id: input.scopeId,
        model: input.model ?? "",
        rpm: input.rpm ?? null,
        tpm: input.tpm ?? null,
        concurrency: input.concurrency ?? null,
        created_at: at,
        updated_at: at,
      };
      assertValues(row);
      try {
        await inTransaction(db, async (trx) => {
          await assertScopeInTenant(trx, tenantId, input.scopeKind, input.scopeId);
          await trx.insertInto("rate_limits").values(row).execute();
          await bumpScope(trx, tenantId, "limits");
        });
      } catch (error) {
        throw translateConstraintError(error, taken);
      }
      return toRateLimitRule(row);
    },
    get: (id) => get(id),
    list(page, filter = {}) {
      let q = scoped();
      if (filter.scopeKind !== undefined) q = q.where("scope_kind", "=", filter.scopeKind);
      if (filter.scopeId !== undefined) q = q.where("scope_id", "=", filter.scopeId);
      return paginate(q, page, { at: "created_at", id: "id" }, toRateLimitRule, (r) => [r.created_at, r.id]);
    },
    async all() {
      const rows = await scoped().orderBy("created_at").orderBy("id").execute();
      return rows.map(toRateLimitRule);
    },
    async update(id, patch) {
      const set: Partial<Selectable<RateLimitsTable>> = {};
      if (patch.model !== undefined) set.model = patch.model ?? "";
      if (patch.rpm !== undefined) set.rpm = patch.rpm;
      if (patch.tpm !== undefined) set.tpm = patch.tpm;
      if (patch.concurrency !== undefined) set.concurrency = patch.concurrency;
      if (Object.keys(set).length === 0) return get(id);
      try {
        return await inTransaction(db, async (trx) => {
          const current = await scoped(trx).where("id", "=", id).executeTakeFirst();
          if (current === undefined) return undefined;
          const next = { ...current, ...set, updated_at: now() };
          assertValues(next);
          await trx
            .updateTable("rate_limits")
            .set({ ...set, updated_at: next.updated_at })
            .where("tenant_id", "=", tenantId)
            .where("id", "=", id)
            .execute();
          await bumpScope(trx, tenantId, "limits");
          return toRateLimitRule(next);
        });
      } catch (error) {
        throw translateConstraintError(error, taken);
      }
    },
    async remove(id) {
      return inTransaction(db, async (trx) => {
        const result = await trx
          .deleteFrom("rate_limits")
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id)
          .executeTakeFirst();
        const changed = result.numDeletedRows > 0n;
        if (changed) await bumpScope(trx, tenantId, "limits");
        return changed;
      });
    },
  };
}

/** A row as the rule it stores. */
export function toRateLimitRule(row: Selectable<RateLimitsTable>): RateLimitRule {
  const n = (v: number | string | null) => (v === null ? null : Number(v));
  return {
    id: row.id,
    tenantId: row.tenant_id,
    scopeKind: row.scope_kind as LimitScopeKind,
    scopeId: row.scope_id,
    model: row.model === "" ? null : row.model,
    rpm: n(row.rpm),
    tpm: n(row.tpm),
    concurrency: n(row.concurrency),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function assertValues(row: Pick<RateLimitsTable, "rpm" | "tpm" | "concurrency">): void {
  const values = [row.rpm, row.tpm, row.concurrency];
  if (values.every((v) => v === null))
    throw new GatewayError("invalid_request", "A rate limit sets at least one of rpm, tpm, concurrency.");
  for (const v of values) {
    if (v !== null && !(Number.isSafeInteger(v) && v > 0))
      throw new GatewayError("invalid_request", "rpm, tpm and concurrency are positive integers.");
  }
}

/** `not_found` unless the scope names the tenant itself or one of its workspaces, members or keys. */
async function assertScopeInTenant(
  db: Kysely<DB>,
  tenantId: string,
  kind: LimitScopeKind,
  id: string,
): Promise<void> {
  let found: boolean;
  if (kind === "tenant") found = id === tenantId;
  else if (kind === "user") {
    const row = await db
      .selectFrom("memberships")
      .select("user_id")
      .where("tenant_id", "=", tenantId)
      .where("user_id", "=", id)
      .executeTakeFirst();
    found = row !== undefined;
  } else {
    const table = kind === "workspace" ? "workspaces" : "api_keys";
    const row = await db
      .selectFrom(table)
      .select("id")
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst();
    found = row !== undefined;
  }
  if (!found) throw new GatewayError("not_found", `The ${kind} '${id}' does not exist.`);
}

/**
 * Every tenant's rate limits, for the first build of the hot path's snapshot (later changes reload one
 * tenant through its `limits` revision).
 *
 * @example
 * const rules = await store.rateLimits.listAll();
 */
export async function listAllRateLimits(db: Kysely<DB>): Promise<RateLimitRule[]> {
  const rows = await db
    .selectFrom("rate_limits")
    .selectAll()
    .orderBy("tenant_id")
    .orderBy("created_at")
    .execute();
  return rows.map(toRateLimitRule);
}
