import { CHAT_MESSAGE_MAX_BYTES } from "@gatehouse/contracts";
import type { Logger } from "pino";
import type { ChatAnswerFlush, TenantChatAnswersRepo } from "../../store/chat/chat-answers-repo.js";
import type { ChatMessageStatus } from "../../store/chat/chat-types.js";
import type { ChatStreamPiece } from "./gateway-chat-call.js";
import { ToolCallCollector } from "./tool-call-collector.js";

/** What a run tells its listeners: text appended, then its end. */
export type AnswerRunEvent =
  | { kind: "delta"; text: string }
  | { kind: "end"; status: Exclude<ChatMessageStatus, "streaming">; error: string | null };

const TOO_BIG = "The answer grew past 1 MiB and was cut.";

/** How a run ends, by whom. */
type EndReason = "stopped" | "shutdown" | "gone";

export interface AnswerRunOptions {
  messageId: string;
  answers: TenantChatAnswersRepo;
  logger: Logger;
  /** How often the text is written while it grows. */
  flushMs: number;
  /** Aborts the data-plane request (the gateway meters what was generated and aborts the upstream). */
  abort: AbortController;
  /** Runs after the final write, before listeners hear the end (titling the conversation); never throws. */
  beforeEnd?: (status: Exclude<ChatMessageStatus, "streaming">) => Promise<void>;
}

/**
 * One answer running on this instance: it reads the data plane's stream, keeps the text in memory (at
 * most 1 MiB, like any message), tells its listeners each delta, writes the text to the message every
 * `flushMs` and at the end (status, tokens). At each write it learns whether another instance asked it
 * to stop, or whether its message is gone (the conversation deleted) — then it cuts the request.
 *
 * @example
 * const run = new AnswerRun({ messageId, answers, logger, flushMs: 500, abort });
 * void run.pump(chatStreamPieces(res.body));
 */
export class AnswerRun {
  text = "";
  private bytes = 0;
  /** The answer's tool calls, stored as its parts at the end. */
  private readonly toolCalls = new ToolCallCollector();
  private inputTokens = 0;
  private outputTokens = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private endReason: EndReason | undefined;
  /** True once listeners were told the end: a reader arriving later reads the row instead. */
  done = false;
  private readonly listeners = new Set<(e: AnswerRunEvent) => void>();
  /** Resolves once the final state is written. */
  readonly finished: Promise<Exclude<ChatMessageStatus, "streaming">>;
  private finish!: (s: Exclude<ChatMessageStatus, "streaming">) => void;

  constructor(private readonly o: AnswerRunOptions) {
    this.finished = new Promise((resolve) => {
      this.finish = resolve;
    });
  }

  /** Listens to the run's deltas and end; returns the unsubscribe. */
  listen(listener: (e: AnswerRunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Cuts the data-plane request; the run ends with the text so far (stopped, or failed at shutdown). */
  end(reason: EndReason): void {
    this.endReason ??= reason;
    this.o.abort.abort();
  }

  /** Reads the stream to its end and writes the final state; never throws. */
  async pump(pieces: AsyncIterable<ChatStreamPiece>): Promise<void> {
    let outcome: { status: Exclude<ChatMessageStatus, "streaming">; error: string | null };
    try {
      outcome = await this.read(pieces);
    } catch (err) {
      outcome = this.endReason
        ? this.endedBy(this.endReason)
        : { status: "failed", error: "The connection to the model was lost before the answer was complete." };
      if (!this.endReason)
        this.o.logger.warn({ err, messageId: this.o.messageId }, "chat answer stream failed");
    }
    clearTimeout(this.timer);
    await this.flushing;
    await this.write({
      text: this.text,
      ...(this.toolCalls.any && { parts: this.toolCalls.parts() }),
      status: outcome.status,
      error: outcome.error,
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
    });
    await this.o.beforeEnd?.(outcome.status);
    this.done = true;
    for (const listener of this.listeners) listener({ kind: "end", ...outcome });
    this.listeners.clear();
    this.finish(outcome.status);
  }

  private async read(pieces: AsyncIterable<ChatStreamPiece>) {
    for await (const piece of pieces) {
      if (piece.kind === "done") return { status: "done" as const, error: null };
      if (piece.kind === "error") return { status: "failed" as const, error: piece.message };
      if (piece.kind === "usage") {
        this.inputTokens = piece.inputTokens;
        this.outputTokens = piece.outputTokens;
        continue;
      }
      if (piece.kind === "tool_call") {
        // Calls are kept whole and stored at the end: a half-streamed call is of no use to a reader.
        if (!this.toolCalls.add(piece)) return this.cut("The answer made too many tool calls and was cut.");
        if (this.bytes + this.toolCalls.bytes > CHAT_MESSAGE_MAX_BYTES) return this.cut(TOO_BIG);
        continue;
      }
      this.bytes += Buffer.byteLength(piece.text, "utf8");
      if (this.bytes + this.toolCalls.bytes > CHAT_MESSAGE_MAX_BYTES) return this.cut(TOO_BIG);
      this.text += piece.text;
      for (const listener of this.listeners) listener({ kind: "delta", text: piece.text });
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.flushing = this.write({ text: this.text });
      }, this.o.flushMs);
    }
    if (this.endReason) return this.endedBy(this.endReason);
    return { status: "failed" as const, error: "The stream ended before the answer was complete." };
  }

  /** Cuts the request: the answer failed with `error`. */
  private cut(error: string) {
    this.o.abort.abort();
    return { status: "failed" as const, error };
  }

  private endedBy(reason: EndReason) {
    if (reason === "stopped") return { status: "stopped" as const, error: null };
    if (reason === "gone") return { status: "failed" as const, error: "The answer was removed." };
    return { status: "failed" as const, error: "The server stopped before the answer was complete." };
  }

  /** Writes the text (and final state); a stop asked elsewhere, or a vanished row, cuts the request. */
  private async write(patch: ChatAnswerFlush): Promise<void> {
    try {
      const result = await this.o.answers.flush(this.o.messageId, patch);
      if (patch.status !== undefined) return;
      if (result === undefined) this.end("gone");
      else if (result.stopRequested) this.end("stopped");
    } catch (err) {
      this.o.logger.warn(
        { err, messageId: this.o.messageId },
        "chat answer not written; retrying at the next flush",
      );
    }
  }
}
