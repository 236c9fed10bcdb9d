import { ensureDefaultTenant, loadConfig, openStorage } from "@gatehouse/server";
import type { CommandIo } from "./command.js";

/** Opens the store of the data directory (or DATABASE_URL) and the default tenant for a CLI command. */
export async function openCliStorage(io: CommandIo, dataDir: string | undefined) {
  const config = loadConfig(io.env, { GATEHOUSE_DATA_DIR: dataDir });
  const storage = await openStorage(config);
  const { tenant, workspace } = await ensureDefaultTenant(storage.store);
  return { ...storage, tenant, workspace, config };
}

/** What openCliStorage opens: the store, the secret box, the default tenant and workspace, the config. */
export type CliStorage = Awaited<ReturnType<typeof openCliStorage>>;
