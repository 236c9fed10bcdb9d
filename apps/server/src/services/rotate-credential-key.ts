import { randomBytes } from "node:crypto";
import { GatewayError } from "@gatehouse/protocol";
import { resealCapture } from "../capture/capture-writer.js";
import { CredentialVault } from "../crypto/credential-vault.js";
import { keyIdOf } from "../crypto/key-id-of.js";
import type { KeyRingFile } from "../crypto/key-ring-file.js";
import { resealStoredResponse } from "../crypto/reseal-stored-response.js";
import type { SecretBox } from "../crypto/secret-box.js";
import { credentialHint } from "../providers/credential-hint.js";
import type { ProviderCredentials } from "../providers/upstream-target.js";
import type { Store } from "../store/store.js";

/** How far a rotation got, for a progress bar. */
export interface RotationProgress {
  /** Records looked at in this pass. */
  done: number;
  /** Records with credentials when the pass started. */
  total: number;
  /** 1 for the first pass; later passes catch records sealed under an older key meanwhile. */
  pass: number;
}

export interface RotationOptions {
  /** Records per batch (default 100). */
  batchSize?: number;
  onProgress?: (progress: RotationProgress) => void;
  /** Passes before giving up when servers keep sealing under an old key (default 5). */
  maxPasses?: number;
}

export interface RotationResult {
  /** Whether an earlier, interrupted rotation was finished rather than a new key made. */
  resumed: boolean;
  /** The id of the master key every record is now wrapped under. */
  keyId: string;
  /** Records re-wrapped (or re-sealed from the old format). */
  resealed: number;
  /** Master key ids removed from the key ring. */
  retired: string[];
}

/**
 * Rotates the master key of provider credentials without downtime:
 * 1. a new random key is put first in the key ring, the old ones kept after it (unless the ring already
 *    holds several keys: an interrupted rotation, which is then finished with its current key);
 * 2. every record's data key is re-wrapped under it, batch by batch, each row updated on its own with a
 *    compare-and-swap (a credential a user replaced meanwhile is left as it is); records still in the old
 *    SecretBox format are re-sealed as envelopes, getting their "…1234" hint on the way;
 * 3. passes repeat until one finds nothing to do (a server that sealed under the old key during the pass);
 * 4. the old keys are dropped from the ring.
 * Servers keep working throughout: they open envelopes under any key in the ring, reload the ring when
 * they meet a key id they do not know, and seal under the ring's current key after it changed.
 *
 * @example
 * await rotateCredentialKey(store, keyRing, secretBox, { onProgress: (p) => bar.update(p.done, p.total) });
 */
export async function rotateCredentialKey(
  store: Store,
  keyRing: KeyRingFile,
  legacy: SecretBox,
  options: RotationOptions = {},
): Promise<RotationResult> {
  const batchSize = options.batchSize ?? 100;
  const maxPasses = options.maxPasses ?? 5;
  const before = keyRing.load();
  const resumed = before.length > 1;
  if (!resumed) keyRing.save([randomBytes(32), ...before]);
  const vault = new CredentialVault(legacy, keyRing);
  let resealed = 0;
  for (let pass = 1; ; pass++) {
    const changed = await onePass(store, vault, batchSize, (done, total) =>
      options.onProgress?.({ done, total, pass }),
    );
    resealed += changed;
    if (changed === 0) break;
    if (pass >= maxPasses) {
      throw new GatewayError(
        "internal_error",
        `Records were still being sealed under an older key after ${maxPasses} passes; run the command again (it resumes).`,
      );
    }
  }
  const [current, ...older] = keyRing.load();
  if (current === undefined) throw new GatewayError("internal_error", "The key ring lost its keys.");
  // Prompt captures are sealed by the same master key: re-wrapped too, or retiring it would lose them.
  await rewrapCaptures(store, vault, keyIdOf(current), batchSize);
  await rewrapStoredResponses(store, vault, keyIdOf(current), batchSize);
  keyRing.save([current]);
  return { resumed, keyId: keyIdOf(current), resealed, retired: older.map(keyIdOf) };
}

/**
 * Re-wraps every prompt capture not yet under `keyId`. Captures are written once and never changed, so
 * one walk by id suffices; one stored meanwhile by a server that had not yet reloaded the ring is
 * under the old key — the walk picks it up if its id sorts later, else `rotate-key` run again does.
 */
async function rewrapCaptures(store: Store, vault: CredentialVault, keyId: string, batchSize: number) {
  let after = "";
  for (;;) {
    const batch = await store.captures.listSealedNotUnder(keyId, after, batchSize);
    if (batch.length === 0) return;
    for (const c of batch) await store.captures.reseal(c.id, resealCapture(vault, c));
    after = batch.at(-1)?.id ?? after;
  }
}

/** Re-wraps every stored response not yet under `keyId` (written once, like captures: one walk by id). */
async function rewrapStoredResponses(store: Store, vault: CredentialVault, keyId: string, batchSize: number) {
  let after = "";
  for (;;) {
    const batch = await store.storedResponses.listSealedNotUnder(keyId, after, batchSize);
    if (batch.length === 0) return;
    for (const r of batch) await store.storedResponses.reseal(r.id, resealStoredResponse(vault, r));
    after = batch.at(-1)?.id ?? after;
  }
}

/** One walk over every record with credentials; answers how many were re-sealed. */
async function onePass(
  store: Store,
  vault: CredentialVault,
  batchSize: number,
  progress: (done: number, total: number) => void,
): Promise<number> {
  const total = await countSealed(store, batchSize);
  let after = "";
  let done = 0;
  let changed = 0;
  progress(0, total);
  for (;;) {
    const batch = await store.providers.listSealed(after, batchSize);
    if (batch.length === 0) return changed;
    for (const row of batch) {
      const owner = { tenantId: row.tenantId, recordId: row.id };
      if (vault.needsReseal(row.credentials) || row.credentialsLastFour === null) {
        const next = vault.reseal(owner, row.credentials);
        const hint =
          row.credentialsLastFour ??
          credentialHint(JSON.parse(vault.open(owner, next)) as ProviderCredentials);
        // A lost compare-and-swap means the row changed meanwhile: sealed anew, under the current key.
        if (await store.providers.reseal(row.id, row.credentials, next, hint)) changed++;
      }
      done = Math.min(total, done + 1);
      progress(done, total);
    }
    after = batch.at(-1)?.id ?? after;
  }
}

async function countSealed(store: Store, batchSize: number): Promise<number> {
  let count = 0;
  let after = "";
  for (;;) {
    const batch = await store.providers.listSealed(after, Math.max(batchSize, 500));
    if (batch.length === 0) return count;
    count += batch.length;
    after = batch.at(-1)?.id ?? after;
  }
}
