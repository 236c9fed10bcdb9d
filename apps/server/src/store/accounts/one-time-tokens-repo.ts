import { newId } from "../new-id.js";
import type { RepoContext } from "../repo-context.js";
import type { AccountsStore } from "../tenancy-types.js";
import { translateConstraintError } from "../translate-constraint-error.js";

/**
 * Single-use tokens (password reset, email verification), stored as SHA-256 only. `consume` is one
 * conditional UPDATE that returns the user id only to the caller whose update matched, so a token works
 * once even when two requests present it at the same instant.
 *
 * @example
 * const userId = await repo.consume("password_reset", sha256Hex(token));
 */
export function createOneTimeTokensRepo({ db, now }: RepoContext): AccountsStore["oneTimeTokens"] {
  return {
    async create({ purpose, userId, tokenHash, expiresAt }) {
      const row = {
        id: newId("ott"),
        purpose,
        user_id: userId,
        token_hash: tokenHash,
        created_at: now(),
        expires_at: expiresAt,
        used_at: null,
      };
      try {
        await db.insertInto("one_time_tokens").values(row).execute();
      } catch (error) {
        throw translateConstraintError(error, "A token with this hash already exists.");
      }
    },
    async consume(purpose, tokenHash) {
      const at = now();
      const row = await db
        .updateTable("one_time_tokens")
        .set({ used_at: at })
        .where("token_hash", "=", tokenHash)
        .where("purpose", "=", purpose)
        .where("used_at", "is", null)
        .where("expires_at", ">", at)
        .returning("user_id")
        .executeTakeFirst();
      return row?.user_id;
    },
  };
}
