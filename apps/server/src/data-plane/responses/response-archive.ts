import { randomBytes } from "node:crypto";
import type { ResponsesResponse } from "@gatehouse/protocol";
import type { Logger } from "pino";
import type { CredentialVault } from "../../crypto/credential-vault.js";
import { STORED_RESPONSE_PURPOSE } from "../../crypto/reseal-stored-response.js";
import type { SealedStoredResponse, StoredResponseOwner } from "../../domain/stored-response.js";
import type { Store } from "../../store/store.js";

/** What a stored response's sealed payload holds. */
export interface StoredResponsePayload {
  /** The whole conversation the response answered, as wire input items (previous turns included). */
  input: unknown[];
  /** Where the request's own input items start in `input` (what input_items lists). */
  ownInputStart: number;
  /** The final `response` object, as the client got it. */
  response: ResponsesResponse;
}

/** A stored response, opened. */
export interface OpenedResponse extends StoredResponsePayload {
  row: SealedStoredResponse;
}

/** Whose response is being stored: the owner and the key's workspace. */
export interface ResponseAuthor extends StoredResponseOwner {
  workspaceId: string;
}

/** What a response id may look like: anything else is no id of ours, answered without a lookup. */
const RESPONSE_ID = /^[A-Za-z0-9_-]{1,128}$/;

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A new response id: `resp_` and 24 base62 characters (about 143 bits, unguessable). */
export function newResponseId(): string {
  let out = "resp_";
  while (out.length < 29)
    for (const b of randomBytes(32)) if (b < 248 && out.length < 29) out += ALPHABET[b % 62];
  return out;
}

/**
 * Stored Responses API answers (docs/responses.md, "State"): each sealed in one envelope (AES-256-GCM
 * under the vault's master key, as provider credentials) bound to its tenant and id, so a payload moved
 * to another row does not open; readable only by the tenant and API key that made it; kept for the
 * retention period. A failure to store is logged, never the client's error: the answer was already sent.
 *
 * @example
 * const archive = new ResponseArchive(store, vault, 30 * 86_400_000, Date.now, logger);
 * const previous = await archive.load({ tenantId, apiKeyId }, "resp_…");
 */
export class ResponseArchive {
  constructor(
    private readonly store: Store,
    private readonly vault: CredentialVault,
    private readonly retentionMs: number,
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {}

  /**
   * The owner's response `id`, opened; undefined when missing, expired or another owner's. One that no
   * longer opens (sealed under a master key since retired) is logged and reads as missing: it is lost,
   * and the client's answer is the same as for a deleted one, never a 5xx.
   */
  async load(owner: StoredResponseOwner, id: string): Promise<OpenedResponse | undefined> {
    // A NUL byte or stray text must never reach the database (PostgreSQL refuses NUL in text).
    if (!RESPONSE_ID.test(id)) return undefined;
    const row = await this.store.storedResponses.get(owner, id);
    if (row === undefined) return undefined;
    const who = { tenantId: row.tenantId, recordId: row.id };
    try {
      const text = this.vault.open(
        who,
        { keyId: row.keyId, ciphertext: row.payload },
        STORED_RESPONSE_PURPOSE,
      );
      return { ...(JSON.parse(text) as StoredResponsePayload), row };
    } catch (err) {
      this.logger.warn({ err, responseId: row.id }, "stored response could not be opened");
      return undefined;
    }
  }

  /** Seals and inserts one response; resolves when it is stored or its failure logged (never rejects). */
  async save(
    author: ResponseAuthor,
    previousId: string | null,
    payload: StoredResponsePayload,
  ): Promise<void> {
    const { response } = payload;
    try {
      const sealed = this.vault.seal(
        { tenantId: author.tenantId, recordId: response.id },
        JSON.stringify(payload),
        STORED_RESPONSE_PURPOSE,
      );
      const createdAt = this.now();
      await this.store.storedResponses.insert({
        id: response.id,
        tenantId: author.tenantId,
        apiKeyId: author.apiKeyId,
        workspaceId: author.workspaceId,
        createdAt,
        expiresAt: createdAt + this.retentionMs,
        status: response.status,
        model: response.model,
        previousResponseId: previousId,
        keyId: sealed.keyId,
        payload: sealed.ciphertext,
      });
    } catch (err) {
      this.logger.warn({ err, responseId: response.id }, "response not stored");
    }
  }

  /** Deletes the owner's response; false when there was none. */
  async remove(owner: StoredResponseOwner, id: string): Promise<boolean> {
    if (!RESPONSE_ID.test(id)) return false;
    return this.store.storedResponses.remove(owner, id);
  }
}
