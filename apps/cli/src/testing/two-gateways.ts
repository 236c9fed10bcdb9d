import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { type CliResult, type RunningCli, runCli, startCli } from "./cli-process.js";

/** Two `gatehouse start` processes on one fresh PostgreSQL database and one Redis, and a signed-in CLI. */
export interface TwoGateways {
  gateways: [RunningCli, RunningCli];
  /** The first-run API key (works on both: they share the database). */
  apiKey: string;
  /** The first-run admin's email, unique to this pair (so its login throttle keys are too). */
  adminEmail: string;
  /** The database both use, for reading usage records. */
  databaseUrl: string;
  /** Runs a remote `gatehouse` command as the signed-in admin. */
  gh(args: string[]): Promise<CliResult>;
  /**
   * Stops both (SIGTERM; returns their exit codes), deletes the Redis keys this pair made (the server has
   * no key prefix setting: they are found by the ids of this database's users, deployments and the
   * `budgetIds` given), drops the database and removes the temp folders.
   */
  close(budgetIds: string[]): Promise<Array<number | null>>;
}

export interface TwoGatewaysOptions {
  /** postgres:// URL of a database the test may create other databases from. */
  adminDatabaseUrl: string;
  /** The shared Redis; without it, each process keeps budget holds in PostgreSQL (the SQL ledger). */
  redisUrl: string | undefined;
  /** The OpenAI-compatible upstream both processes are given on first start. */
  upstreamUrl: string;
}

/**
 * Starts the real binary twice, as a production pair would run (DATABASE_URL, REDIS_URL and a shared
 * GATEHOUSE_ENCRYPTION_KEY; each its own data directory): the first does the first-run setup, the second
 * finds it done. Then signs a CLI profile in as the admin through the first.
 *
 * @example
 * const pair = await startTwoGateways({ adminDatabaseUrl, redisUrl, upstreamUrl: fake.url });
 */
export async function startTwoGateways(options: TwoGatewaysOptions): Promise<TwoGateways> {
  const database = `gh_twoproc_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: options.adminDatabaseUrl });
  await admin.connect();
  await admin.query(`create database "${database}"`);
  const url = new URL(options.adminDatabaseUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  const dirs = [0, 1, 2].map(() => mkdtempSync(join(tmpdir(), "gatehouse-twoproc-")));
  const adminEmail = `twoproc-${randomBytes(4).toString("hex")}@example.test`;
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: options.redisUrl,
    GATEHOUSE_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    GATEHOUSE_ADMIN_EMAIL: adminEmail,
    OPENAI_BASE_URL: options.upstreamUrl,
    OPENAI_API_KEY: "sk-twoproc",
    LOG_LEVEL: "warn",
  };
  const started: RunningCli[] = [];
  const cliEnv = { GATEHOUSE_CONFIG_DIR: join(dirs[2]!, "config"), GATEHOUSE_PROFILE: "", GATEHOUSE_URL: "" };
  const close = async (budgetIds: string[] = []) => {
    const ids = await idsInDatabase(databaseUrl).catch(() => []);
    for (const g of started) g.child.kill("SIGTERM");
    const codes = await Promise.all(started.map((g) => g.exited));
    if (options.redisUrl) await deleteKeysNaming(options.redisUrl, [...ids, ...budgetIds, adminEmail]);
    await admin.query(`drop database if exists "${database}" with (force)`);
    await admin.end();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    return codes;
  };
  try {
    // One after the other: the first runs the migrations and the first-run setup.
    started.push(await startCli(["--port", "0", "--data-dir", dirs[0]!], env));
    started.push(await startCli(["--port", "0", "--data-dir", dirs[1]!], env));
    const out = started[0]!.output();
    const apiKey = /API key:\s+(gh_\w+)/.exec(out)?.[1];
    const password = /Password:\s+(\S+)/.exec(out)?.[1];
    if (!apiKey || !password) throw new Error(`no first-run output:\n${out}`);
    const login = await runCli(
      ["login", "--url", started[0]!.url, "--email", adminEmail, "--password-stdin"],
      cliEnv,
      password,
    );
    if (login.code !== 0) throw new Error(`login failed: ${login.stderr}`);
    return {
      gateways: [started[0]!, started[1]!],
      apiKey,
      adminEmail,
      databaseUrl,
      gh: (args) => runCli(args, cliEnv),
      close,
    };
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }
}

/** The ids Redis keys of this database's gateways are named after: users (idempotency) and deployments. */
async function idsInDatabase(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      "select id from users union all select id from deployments",
    );
    return rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}

/** Deletes the `gatehouse:*` keys whose name contains one of `ids` (SCAN, never KEYS: Redis is shared). */
async function deleteKeysNaming(redisUrl: string, ids: string[]): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", "gatehouse:*", "COUNT", 1000);
      const ours = keys.filter((k) => ids.some((id) => k.includes(id)));
      if (ours.length > 0) await redis.unlink(...ours);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}
