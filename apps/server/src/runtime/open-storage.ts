import { accessSync, constants, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Config } from "../config/config.js";
import { ConfigError } from "../config/config.js";
import { CREDENTIALS_KEY_PURPOSE, CredentialVault } from "../crypto/credential-vault.js";
import { KeyRingFile } from "../crypto/key-ring-file.js";
import { loadOrCreateKeyFile } from "../crypto/load-or-create-key-file.js";
import { parseKeyMaterial } from "../crypto/parse-key-material.js";
import { SecretBox } from "../crypto/secret-box.js";
import { createStore } from "../store/create-store.js";
import type { Store } from "../store/store.js";

/** What openStorage opened. */
export interface OpenedStorage {
  store: Store;
  secretBox: SecretBox;
  /** Provider credentials: envelopes under the key ring `credentials.keys` in the data directory. */
  credentialVault: CredentialVault;
  /** The key ring file `credentialVault` reads (rotated by `gatehouse credentials rotate-key`). */
  keyRing: KeyRingFile;
  dataDir: string;
  /** The SQLite file; undefined in PostgreSQL mode. */
  sqlitePath: string | undefined;
}

export interface OpenStorageOptions {
  /** SQLite: run the store's WAL checkpointer thread (default true); the server turns it off when its
   * usage writer thread checkpoints instead. */
  walCheckpointer?: boolean;
}

/**
 * Opens what every command works on: the data directory (created if missing), the encryption key
 * (GATEHOUSE_ENCRYPTION_KEY, or a key file in the data directory created with mode 0600), the provider
 * credentials' key ring (`credentials.keys`, or a key derived from the encryption key), and the store
 * (PostgreSQL when DATABASE_URL is set, SQLite in the data directory otherwise), migrated.
 * Problems become one-line ConfigErrors.
 */
export async function openStorage(config: Config, options: OpenStorageOptions = {}): Promise<OpenedStorage> {
  const dataDir = resolve(config.dataDir);
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    accessSync(dataDir, constants.W_OK | constants.R_OK);
  } catch (err) {
    throw new ConfigError(
      `data directory ${dataDir} is not writable (${(err as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
  let secretBox: SecretBox;
  let keyRing: KeyRingFile;
  let credentialVault: CredentialVault;
  try {
    const key = config.encryptionKey
      ? parseKeyMaterial(config.encryptionKey)
      : loadOrCreateKeyFile(join(dataDir, "secret.key"));
    secretBox = new SecretBox(key);
    keyRing = new KeyRingFile(join(dataDir, "credentials.keys"), secretBox.derive(CREDENTIALS_KEY_PURPOSE));
    credentialVault = new CredentialVault(secretBox, keyRing);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const sqlitePath = config.databaseUrl ? undefined : join(dataDir, "gatehouse.db");
  const store = createStore(
    config.databaseUrl
      ? { databaseUrl: config.databaseUrl }
      : { sqlitePath, walCheckpointer: options.walCheckpointer },
  );
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => {});
    const where = config.databaseUrl ? "the database at DATABASE_URL" : join(dataDir, "gatehouse.db");
    throw new ConfigError(`cannot open ${where}: ${(err as Error).message}`);
  }
  return { store, secretBox, credentialVault, keyRing, dataDir, sqlitePath };
}
