import type { Kysely } from "kysely";
import type { DB } from "./database.js";

/** What every repository is built from: the database and the clock that stamps rows. */
export interface RepoContext {
  db: Kysely<DB>;
  now: () => number;
}
