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

/** Rows per insert statement (11 parameters each: well inside SQLite's and PostgreSQL's limits). */
const BATCH_ROWS = 200;

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
 * Saves are written in batches: those made in one turn of the event loop go in one statement at the next
 * (setImmediate), so concurrent answers share one commit — one stored response per request cost 600 µs of
 * CPU in SQLite's WAL and checkpoints when each was its own commit (docs/responses.md, "Cost"). Until its
 * batch is written a response is read from the batch, so this instance's next turn always finds it. Each
 * save resolves once its batch is written; the request is metered without waiting for it, and shutdown
 * drains the batches (`drain`) before the store closes.
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

  /** Sealed rows not yet in the database (queued or being written), by id: what reads see meanwhile. */
  readonly #pending = new Map<string, SealedStoredResponse>();
  /** The rows of the next batch, not yet handed to the database. */
  #queue: SealedStoredResponse[] = [];
  #batch: Promise<void> | undefined;
  #writing: Promise<void> | undefined;

  /** The batch `row` joins: written at the next turn of the event loop, with every save made meanwhile. */
  #enqueue(row: SealedStoredResponse): Promise<void> {
    this.#pending.set(row.id, row);
    this.#queue.push(row);
    this.#batch ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.#writing = this.#flush();
      return this.#writing;
    });
    return this.#batch;
  }

  async #flush(): Promise<void> {
    const rows = this.#queue;
    this.#queue = [];
    this.#batch = undefined;
    try {
      for (let i = 0; i < rows.length; i += BATCH_ROWS)
        await this.store.storedResponses.insertMany(rows.slice(i, i + BATCH_ROWS));
    } catch (err) {
      this.logger.warn({ err, responses: rows.length }, "responses not stored");
    } finally {
      for (const r of rows) this.#pending.delete(r.id);
    }
  }

  /** Resolves once every response saved so far is written (shutdown: before the store closes). */
  async drain(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([this.#batch, this.#writing]);
  }

  /** Resolves once `id` is no longer waiting to be written (it never is for long: one event-loop turn). */
  async #written(id: string): Promise<void> {
    while (this.#pending.has(id)) await Promise.all([this.#batch, this.#writing]);
  }

  /** The owner's row: from the batch not yet written, else the database. */
  async #row(owner: StoredResponseOwner, id: string): Promise<SealedStoredResponse | undefined> {
    const queued = this.#pending.get(id);
    if (queued !== undefined)
      return queued.tenantId === owner.tenantId && queued.apiKeyId === owner.apiKeyId ? queued : undefined;
    return this.store.storedResponses.get(owner, id);
  }

  /**
   * The owner's response `id`, opened; undefined when missing, expired or another owner's. One that no
   * longer opens (sealed under a master key since retired) is logged and reads as missing: it is lost,
   * and the client's answer is the same as for a deleted one, never a 5xx.
   */
  async load(owner: StoredResponseOwner, id: string): Promise<OpenedResponse | undefined> {
    // A NUL byte or stray text must never reach the database (PostgreSQL refuses NUL in text).
    if (!RESPONSE_ID.test(id)) return undefined;
    const row = await this.#row(owner, id);
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

  /** Seals one response and queues it for its batch; resolves once stored or its failure logged (never rejects). */
  async save(
    author: ResponseAuthor,
    previousId: string | null,
    payload: StoredResponsePayload,
  ): Promise<void> {
    const { response } = payload;
    let sealed: { keyId: string; ciphertext: string };
    try {
      sealed = this.vault.seal(
        { tenantId: author.tenantId, recordId: response.id },
        JSON.stringify(payload),
        STORED_RESPONSE_PURPOSE,
      );
    } catch (err) {
      this.logger.warn({ err, responseId: response.id }, "response not stored");
      return;
    }
    const createdAt = this.now();
    await this.#enqueue({
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
  }

  /** Deletes the owner's response; false when there was none. */
  async remove(owner: StoredResponseOwner, id: string): Promise<boolean> {
    if (!RESPONSE_ID.test(id)) return false;
    // One still in its batch is written first, then removed: a delete never races its own insert.
    await this.#written(id);
    return this.store.storedResponses.remove(owner, id);
  }
}
