import { GatewayError } from "@gatehouse/protocol";
import { sql } from "kysely";
import { inTransaction } from "../in-transaction.js";
import { newId } from "../new-id.js";
import type { RepoContext } from "../repo-context.js";
import { paginate } from "../tenancy/paginate.js";
import type { Page, PageRequest } from "../tenancy-types.js";
import { translateConstraintError } from "../translate-constraint-error.js";
import { toRedemptionCode } from "./billing-row-mappers.js";
import type { LedgerEntry, RedemptionCode, RedemptionCodeInput } from "./billing-types.js";
import type { CreditsRepo } from "./credits-repo.js";

export interface RedemptionsRepo {
  create(input: RedemptionCodeInput): Promise<RedemptionCode>;
  list(page: PageRequest): Promise<Page<RedemptionCode>>;
  /**
   * Redeems the code whose hash is given for a tenant, adding a `redemption` ledger entry, all in one
   * transaction. `not_found` for an unknown, expired or used-up code; `conflict` when this tenant already
   * redeemed it. Concurrent redemptions never exceed `maxUses` and never credit a tenant twice.
   */
  redeem(tenantId: string, codeHash: string): Promise<LedgerEntry>;
}

/**
 * Redemption codes (installation-wide) and their redemptions (one per tenant and code).
 *
 * @example
 * const entry = await redemptions.redeem(tenantId, sha256(code));
 */
export function createRedemptionsRepo(
  { db, now }: RepoContext,
  credits: (db: RepoContext["db"]) => CreditsRepo,
): RedemptionsRepo {
  return {
    create: async (input) => {
      const row = {
        id: newId("rdc"),
        code_hash: input.codeHash,
        value_nano: input.valueNano,
        expires_at: input.expiresAt,
        max_uses: input.maxUses,
        uses: 0,
        note: input.note,
        created_at: now(),
      };
      await db.insertInto("redemption_codes").values(row).execute();
      return toRedemptionCode(row);
    },
    list: (page) =>
      paginate(
        db.selectFrom("redemption_codes").selectAll(),
        page,
        { at: "created_at", id: "id" },
        toRedemptionCode,
        (r) => [Number(r.created_at), r.id],
      ),
    redeem: (tenantId, codeHash) =>
      inTransaction(db, async (trx) => {
        const code = await trx
          .selectFrom("redemption_codes")
          .selectAll()
          .where("code_hash", "=", codeHash)
          .executeTakeFirst();
        if (!code) throw new GatewayError("not_found", "The code is unknown.");
        const at = now();
        try {
          await trx
            .insertInto("redemptions")
            .values({ code_id: code.id, tenant_id: tenantId, created_at: at })
            .execute();
        } catch (error) {
          throw translateConstraintError(error, "This code was already redeemed for this tenant.");
        }
        // The conditional UPDATE is the guard: on PostgreSQL a concurrent redemption waits for this row
        // and re-checks `uses` once we commit, so uses never pass max_uses.
        const res = await trx
          .updateTable("redemption_codes")
          .set({ uses: sql`uses + 1` })
          .where("id", "=", code.id)
          .where(sql<boolean>`uses < max_uses`)
          .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", at)]))
          .executeTakeFirst();
        if (res.numUpdatedRows === 0n)
          throw new GatewayError("not_found", "The code has expired or is used up.");
        const entry = await credits(trx).addEntry(tenantId, {
          kind: "redemption",
          amountNano: Number(code.value_nano),
          description: code.note === "" ? "Redemption code" : `Redemption code: ${code.note}`,
          reference: code.id,
        });
        if (!entry) throw new GatewayError("conflict", "This code was already redeemed for this tenant.");
        return entry;
      }),
  };
}
