import type { SealedSecret } from "../../domain/sealed-secret.js";
import type { SmtpSettingsTable } from "../database.js";
import type { RepoContext } from "../repo-context.js";

/** The installation's SMTP server as stored: the password sealed, never in clear. */
export interface StoredSmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  username: string | null;
  passwordSealed: SealedSecret | null;
  from: string;
  updatedAt: number;
}

/** The one row of SMTP settings an operator may set (overriding the environment's). */
export interface SmtpSettingsStore {
  get(): Promise<StoredSmtpSettings | undefined>;
  put(settings: Omit<StoredSmtpSettings, "updatedAt">): Promise<StoredSmtpSettings>;
  /** True when there was a row to delete. */
  delete(): Promise<boolean>;
}

const ROW_ID = "installation";

/**
 * The SMTP settings row: read, written whole (an upsert), deleted.
 *
 * @example
 * await createSmtpSettingsRepo(ctx).put({ host: "mail.example.com", port: 587, secure: false, ... });
 */
export function createSmtpSettingsRepo({ db, now }: RepoContext): SmtpSettingsStore {
  return {
    async get() {
      const row = await db
        .selectFrom("smtp_settings")
        .selectAll()
        .where("id", "=", ROW_ID)
        .executeTakeFirst();
      return row && toSettings(row);
    },
    async put(s) {
      const row: SmtpSettingsTable = {
        id: ROW_ID,
        host: s.host,
        port: s.port,
        secure: s.secure ? 1 : 0,
        username: s.username,
        password_sealed: s.passwordSealed === null ? null : JSON.stringify(s.passwordSealed),
        from_address: s.from,
        updated_at: now(),
      };
      const { id: _id, ...changes } = row;
      await db
        .insertInto("smtp_settings")
        .values(row)
        .onConflict((oc) => oc.column("id").doUpdateSet(changes))
        .execute();
      return toSettings(row);
    },
    async delete() {
      const result = await db.deleteFrom("smtp_settings").where("id", "=", ROW_ID).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}

function toSettings(row: SmtpSettingsTable): StoredSmtpSettings {
  return {
    host: row.host,
    port: Number(row.port),
    secure: Number(row.secure) === 1,
    username: row.username,
    passwordSealed: row.password_sealed === null ? null : (JSON.parse(row.password_sealed) as SealedSecret),
    from: row.from_address,
    updatedAt: Number(row.updated_at),
  };
}
