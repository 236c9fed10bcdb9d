import type { RefreshTokensTable } from "../database.js";
import { newId } from "../new-id.js";
import type { RepoContext } from "../repo-context.js";
import { nullableNumber } from "../row-mappers.js";
import { paginate } from "../tenancy/paginate.js";
import type { AccountsStore, RefreshTokenRow } from "../tenancy-types.js";
import { translateConstraintError } from "../translate-constraint-error.js";

/**
 * Refresh tokens, stored as SHA-256 only, grouped in families (every token one login produced through its
 * rotations). `markUsed` is one conditional UPDATE answered by its row count, so of two requests racing
 * to rotate the same token exactly one wins; the loser's reuse is what revokes the family.
 *
 * @example
 * if (!(await repo.markUsed(row.id))) await repo.revokeFamily(row.familyId);
 */
export function createRefreshTokensRepo({ db, now }: RepoContext): AccountsStore["refreshTokens"] {
  return {
    async insert({ userId, familyId, tokenHash, expiresAt, startedAt, userAgent, ip }) {
      const created = now();
      const row = {
        id: newId("rtk"),
        user_id: userId,
        family_id: familyId,
        token_hash: tokenHash,
        created_at: created,
        expires_at: expiresAt,
        used_at: null,
        revoked_at: null,
        started_at: startedAt ?? created,
        user_agent: userAgent ?? null,
        ip: ip ?? null,
      };
      try {
        await db.insertInto("refresh_tokens").values(row).execute();
      } catch (error) {
        throw translateConstraintError(error, "A refresh token with this hash already exists.");
      }
      return toRefreshToken(row);
    },
    async findByHash(tokenHash) {
      const row = await db
        .selectFrom("refresh_tokens")
        .selectAll()
        .where("token_hash", "=", tokenHash)
        .executeTakeFirst();
      return row && toRefreshToken(row);
    },
    async markUsed(id) {
      const at = now();
      const result = await db
        .updateTable("refresh_tokens")
        .set({ used_at: at })
        .where("id", "=", id)
        .where("used_at", "is", null)
        .where("revoked_at", "is", null)
        .where("expires_at", ">", at)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async revokeFamily(familyId) {
      await db
        .updateTable("refresh_tokens")
        .set({ revoked_at: now() })
        .where("family_id", "=", familyId)
        .where("revoked_at", "is", null)
        .execute();
    },
    listLive(userId, page) {
      const live = db
        .selectFrom("refresh_tokens")
        .selectAll()
        .where("user_id", "=", userId)
        .where("used_at", "is", null)
        .where("revoked_at", "is", null)
        .where("expires_at", ">", now());
      // Keyed by sign-in time and family: a refresh replaces the live row, but the session keeps its place.
      return paginate(live, page, { at: "started_at", id: "family_id" }, toRefreshToken, (r) => [
        Number(r.started_at ?? r.created_at),
        r.family_id,
      ]);
    },
    async revokeLiveFamily(userId, familyId) {
      const result = await db
        .updateTable("refresh_tokens")
        .set({ revoked_at: now() })
        .where("family_id", "=", familyId)
        .where("user_id", "=", userId)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async familyAlive(familyId) {
      const row = await db
        .selectFrom("refresh_tokens")
        .select("id")
        .where("family_id", "=", familyId)
        .where("revoked_at", "is", null)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

function toRefreshToken(row: RefreshTokensTable): RefreshTokenRow {
  return {
    id: row.id,
    userId: row.user_id,
    familyId: row.family_id,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    usedAt: nullableNumber(row.used_at),
    revokedAt: nullableNumber(row.revoked_at),
    startedAt: Number(row.started_at ?? row.created_at),
    userAgent: row.user_agent,
    ip: row.ip,
  };
}
