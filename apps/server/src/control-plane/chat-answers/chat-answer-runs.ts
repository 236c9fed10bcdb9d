import { GatewayError } from "@gatehouse/protocol";
import type { Logger } from "pino";
import type { ChatOwner } from "../../store/chat/chat-types.js";
import type { Store } from "../../store/store.js";
import { answerEvents } from "./answer-events.js";
import { AnswerRun } from "./answer-run.js";
import { chatTitle, DEFAULT_CHAT_TITLE } from "./chat-title.js";
import { callOwnGateway, chatStreamPieces, type OwnGateway, requestIdOf } from "./gateway-chat-call.js";

/** How the runs are built; the defaults suit production. */
export interface ChatAnswerRunsOptions {
  store: Store;
  logger: Logger;
  now: () => number;
  gateway: OwnGateway;
  /** The model that titles new conversations (GATEHOUSE_CHAT_TITLE_MODEL); unset: the first question. */
  titleModel?: string | undefined;
  /** How often a run writes its text (default 500 ms). */
  flushMs?: number;
  /** How often a reader on another instance reads the row (default 500 ms). */
  pollMs?: number;
  /** A streaming answer unwritten for this long belongs to a dead instance (default 60 s). */
  staleMs?: number;
  /** How often an idle event stream gets a comment (default 15 s). */
  heartbeatMs?: number;
  /** Event streams one tenant may hold open on this instance (default 200); one more answers 429. */
  maxStreamsPerTenant?: number;
}

/** What starts an answer: whose, where, the question, and the request the client built. */
export interface AnswerStart {
  tenantId: string;
  owner: ChatOwner;
  conversationId: string;
  parentId: string;
  model: string;
  /** The caller's playground key: used for this answer's requests, never stored. */
  key: string;
  body: Record<string, unknown>;
}

/**
 * The answers this instance runs (docs/chat.md, "Resumable answers"), and the reading of any answer:
 * start (through the data plane, as the user), event streams that survive a reload (from the run's
 * memory here, from the row elsewhere), stop (here, or by a flag the running instance reads), and the
 * title of a conversation's first answer.
 *
 * @example
 * const runs = new ChatAnswerRuns({ store, logger, now, gateway });
 * const { message } = await runs.start({ tenantId, owner, conversationId, parentId, model, key, body });
 */
export class ChatAnswerRuns {
  private readonly runs = new Map<string, AnswerRun>();
  /** Open event streams, by tenant (bounded: each holds timers and, elsewhere, a poll). */
  private readonly channels = new Map<string, Set<{ close(): void }>>();
  private closed = false;

  constructor(private readonly o: ChatAnswerRunsOptions) {}

  /** Answers running here now. */
  get running(): number {
    return this.runs.size;
  }

  /**
   * Sends the request to the data plane and, once it is accepted, stores the answer as `streaming` and
   * runs it in the background. Throws the data plane's refusal as it came (nothing stored then).
   */
  async start(s: AnswerStart) {
    if (this.closed) throw new GatewayError("service_unavailable", "The server is shutting down.");
    const t = this.o.store.forTenant(s.tenantId);
    // The question (or a tool's result), in a conversation of the caller's (else 404), checked before
    // any metered traffic.
    const question = await t.chatAnswers.get(s.owner, s.conversationId, s.parentId);
    if (question?.role !== "user" && question?.role !== "tool")
      throw new GatewayError("not_found", `The question '${s.parentId}' is not in this conversation.`);
    const abort = new AbortController();
    const res = await callOwnGateway(
      this.o.gateway,
      s.key,
      { ...s.body, model: s.model, stream: true, stream_options: { include_usage: true } },
      abort.signal,
    );
    let appended: Awaited<ReturnType<typeof t.chat.append>>;
    try {
      appended = await t.chat.append(s.owner, s.conversationId, {
        parentId: s.parentId,
        role: "assistant",
        text: "",
        model: s.model,
        usageRecordId: requestIdOf(res),
        status: "streaming",
      });
    } catch (err) {
      abort.abort();
      throw err;
    }
    if (appended === undefined) {
      abort.abort();
      throw new GatewayError("not_found", "The resource does not exist.");
    }
    const id = appended.message.id;
    const run = new AnswerRun({
      messageId: id,
      answers: t.chatAnswers,
      logger: this.o.logger,
      flushMs: this.o.flushMs ?? 500,
      abort,
      // Before readers hear the end, so the title they read then is the new one.
      beforeEnd: async (status) => {
        if (status === "done") await this.title(s, question.text);
      },
    });
    this.runs.set(id, run);
    const requestId = appended.message.usageRecordId;
    void run.pump(chatStreamPieces(res.body)).then(async () => {
      this.runs.delete(id);
      if (requestId !== null) await this.settle(s, id, requestId);
    });
    return appended;
  }

  /** The answer's events (see conversations.answerEvents); 404 when it is not the owner's. */
  async events(tenantId: string, owner: ChatOwner, conversationId: string, messageId: string) {
    if (this.closed) throw new GatewayError("service_unavailable", "The server is shutting down.");
    const answers = this.o.store.forTenant(tenantId).chatAnswers;
    const answer = await answers.get(owner, conversationId, messageId);
    if (answer === undefined) throw new GatewayError("not_found", "The resource does not exist.");
    const open = this.streamsOf(tenantId);
    const run = this.runs.get(messageId);
    const channel = answerEvents({
      answer,
      run: run?.done ? undefined : run,
      read: () => answers.get(owner, conversationId, messageId),
      failStale: (before) =>
        answers.failStale(owner, conversationId, messageId, before, "The server running the answer stopped."),
      now: this.o.now,
      pollMs: this.o.pollMs ?? 500,
      staleMs: this.o.staleMs ?? 60_000,
      heartbeatMs: this.o.heartbeatMs ?? 15_000,
      onClose: () => {
        open.delete(channel);
        if (open.size === 0 && this.channels.get(tenantId) === open) this.channels.delete(tenantId);
      },
    });
    open.add(channel);
    return channel;
  }

  /** Stops an answer: here at once, elsewhere by the flag its run reads at its next write. */
  async stop(tenantId: string, owner: ChatOwner, conversationId: string, messageId: string) {
    const answers = this.o.store.forTenant(tenantId).chatAnswers;
    const answer = await answers.get(owner, conversationId, messageId);
    if (answer === undefined) throw new GatewayError("not_found", "The resource does not exist.");
    const run = this.runs.get(messageId);
    if (run !== undefined) {
      run.end("stopped");
      await run.finished;
    } else if (answer.status === "streaming") {
      await answers.requestStop(owner, conversationId, messageId);
    }
    return (await answers.get(owner, conversationId, messageId)) ?? answer;
  }

  /** The tenant's open event streams, refused past the per-tenant bound (each holds a connection). */
  private streamsOf(tenantId: string) {
    const open = this.channels.get(tenantId) ?? new Set();
    const max = this.o.maxStreamsPerTenant ?? 200;
    if (open.size >= max)
      throw new GatewayError(
        "rate_limited",
        `At most ${max} answer streams per tenant at once; retry later.`,
        {
          retryAfterSeconds: 5,
        },
      );
    this.channels.set(tenantId, open);
    return open;
  }

  /** Ends every event stream (they would hold the server open); runs go on until `close`. */
  closeStreams(): void {
    for (const open of [...this.channels.values()]) for (const channel of [...open]) channel.close();
  }

  /** Shutdown: refuses new answers, cuts the runs still going and waits for their final writes. */
  async close(): Promise<void> {
    this.closed = true;
    this.closeStreams();
    const runs = [...this.runs.values()];
    for (const run of runs) run.end("shutdown");
    await Promise.all(runs.map((run) => run.finished));
  }

  /**
   * Copies the tokens and cost of the answer's usage record onto the message once the record settled
   * (records are written in batches, so it may take a moment; at most ~5 s are waited). The record must
   * be the owner's in this workspace — it is, being their key's request — checked all the same.
   */
  private async settle(s: AnswerStart, messageId: string, requestId: string): Promise<void> {
    try {
      for (let i = 0; i < 20 && !this.closed; i++) {
        const record = await this.o.store.usage.get(s.tenantId, requestId);
        if (record !== undefined && record.status !== "pending") {
          if (record.userId !== s.owner.userId || record.workspaceId !== s.owner.workspaceId) return;
          const { inputTokens, outputTokens, costNano } = record;
          await this.o.store
            .forTenant(s.tenantId)
            .chatAnswers.settle(messageId, { inputTokens, outputTokens, costNano });
          return;
        }
        await new Promise((r) => setTimeout(r, 250).unref());
      }
    } catch (err) {
      this.o.logger.warn({ err, messageId }, "chat answer's metered numbers not recorded");
    }
  }

  /** Titles a conversation still called "New chat" after its first answer (failures leave it so). */
  private async title(s: AnswerStart, question: string): Promise<void> {
    try {
      const chat = this.o.store.forTenant(s.tenantId).chat;
      if ((await chat.get(s.owner, s.conversationId))?.title !== DEFAULT_CHAT_TITLE) return;
      const { title } = await chatTitle(this.o.gateway, this.o.titleModel, s.key, question);
      // Renamed meanwhile by the user: theirs wins.
      if ((await chat.get(s.owner, s.conversationId))?.title !== DEFAULT_CHAT_TITLE) return;
      await chat.update(s.owner, s.conversationId, { title });
    } catch (err) {
      this.o.logger.warn({ err, conversationId: s.conversationId }, "chat title not set");
    }
  }
}
