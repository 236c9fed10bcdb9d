/**
 * A server-like process for the crash tests (spool-crash-process.ts starts it from dist/): opens the
 * store and the spool recorder, begins `count` records, finishes every even one, says "ready" and waits
 * to be killed. Arguments: sqlitePath spoolDir count mode, where mode "locked" holds the database's
 * write lock from a second connection first, so nothing reaches SQLite and every record is left in the
 * spool only; "free" lets the writer thread commit as it goes.
 */
import Database from "better-sqlite3";
import pino from "pino";
import { createStore } from "../../../store/create-store.js";
import { openUsageRecorder } from "../../open-usage-recorder.js";
import { finalRecord, pendingRecord } from "./usage-records.js";

const [sqlitePath, spoolDir, countText, mode] = process.argv.slice(2);
const count = Number(countText);
const store = createStore({ sqlitePath: sqlitePath!, walCheckpointer: false });
await store.migrate();
// Kept referenced until the kill: a collected connection would close and drop its lock.
const lockHolder = mode === "locked" ? new Database(sqlitePath!) : undefined;
lockHolder?.exec("begin immediate");
const usage = await openUsageRecorder({
  store,
  logger: pino({ level: "silent" }),
  sqlitePath,
  spoolDir,
  tuning: { busyTimeoutMs: 50 },
});
const ids = Array.from({ length: count }, (_, i) => `req_${String(i).padStart(4, "0")}`);
await Promise.all(ids.map((id, i) => usage.begin(pendingRecord(id, 1_000 + i))));
for (const [i, id] of ids.entries()) if (i % 2 === 0) usage.finish(finalRecord(id, i));
// The finals are appended a few ms later (they wait for company); "locked" flushes them: the flush
// appends, then returns at the first failed commit.
if (mode === "locked") await usage.flush();
else await new Promise((r) => setTimeout(r, 50));
process.stdout.write(`ready ${process.pid}\n`);
setInterval(() => lockHolder?.inTransaction, 60_000);
