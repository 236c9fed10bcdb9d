import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCli } from "../../../cli/src/testing/cli-process.js";

/** A real `gatehouse start` on 127.0.0.1 (SQLite in a fresh data directory) and its first-run secrets. */
export interface GatehouseProcess {
  url: string;
  dataDir: string;
  admin: { email: string; password: string };
  /** The first API key, printed once. */
  apiKey: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the built server (`npm test` builds it and the console first) as a user would, with `env`
 * on top of the machine's (fake upstreams: OPENAI_BASE_URL; an SMTP sink: GATEHOUSE_SMTP_URL), and reads
 * the admin account and key its first start prints.
 */
export async function startGatehouse(
  env: NodeJS.ProcessEnv = {},
  dataDir?: string,
): Promise<GatehouseProcess> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), "gatehouse-console-"));
  const cli = await startCli(["--port", "0", "--data-dir", dir], {
    LOG_LEVEL: "warn",
    GATEHOUSE_SPOOL_DIR: join(dir, "spool"),
    ...env,
  });
  const out = cli.output();
  if (!/Console: /.test(out)) {
    cli.child.kill("SIGKILL");
    throw new Error(`the console is not built (run npm run build):\n${out}`);
  }
  const field = (name: string) => new RegExp(`${name}:\\s+(\\S+)`).exec(out)?.[1] ?? "";
  return {
    url: cli.url,
    dataDir: dir,
    admin: { email: field("Admin"), password: field("Password") },
    apiKey: field("API key"),
    output: cli.output,
    async stop() {
      cli.child.kill("SIGTERM");
      await cli.exited;
      if (dataDir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}
