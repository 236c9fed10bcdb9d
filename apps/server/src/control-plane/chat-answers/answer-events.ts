import type { ChatAnswer } from "../../store/chat/chat-answers-repo.js";
import type { AnswerRun } from "./answer-run.js";
import { SseChannel } from "./sse-channel.js";

export interface AnswerEventsInput {
  /** The answer as stored when the stream opens. */
  answer: ChatAnswer;
  /** Its run, when it runs on this instance. */
  run: AnswerRun | undefined;
  /** Reads the answer's row again (polling, and the final state). */
  read(): Promise<ChatAnswer | undefined>;
  /** Ends the answer as failed when unwritten since `before`; true when it did. */
  failStale(before: number): Promise<boolean>;
  now(): number;
  pollMs: number;
  staleMs: number;
  heartbeatMs: number;
  onClose(): void;
}

/**
 * The server-sent events of one answer (conversations.answerEvents): `snapshot` (the message and its
 * text so far), `delta` events, one `end` (the final message), then the stream closes. From the run's
 * memory when it runs here; otherwise from its row, read every `pollMs` (the text only grows, so the
 * delta is what follows the text sent) — and a row unwritten for `staleMs` is ended as failed.
 *
 * @example
 * const body = answerEvents({ answer, run, read, failStale, now, pollMs: 500, ... });
 */
export function answerEvents(i: AnswerEventsInput): SseChannel {
  const timers: NodeJS.Timeout[] = [];
  let unlisten = () => {};
  const channel = new SseChannel(() => {
    for (const t of timers) clearInterval(t);
    unlisten();
    i.onClose();
  });
  const heartbeat = setInterval(() => channel.push(": ping\n\n"), i.heartbeatMs);
  heartbeat.unref();
  timers.push(heartbeat);
  const view = (a: ChatAnswer) => {
    const { conversationId: _c, stopRequested: _s, flushedAt: _f, ...message } = a;
    return message;
  };
  const finish = async () => {
    const final = await i.read().catch(() => undefined);
    if (final) channel.event("end", view(final));
    channel.close();
  };
  // The retry hint is for EventSource-like readers; ours reconnect by themselves.
  channel.push("retry: 2000\n\n");

  if (i.run !== undefined) {
    const run = i.run;
    channel.event("snapshot", view({ ...i.answer, text: run.text }));
    unlisten = run.listen((e) => {
      if (e.kind === "delta") channel.event("delta", { text: e.text });
      else void finish();
    });
    return channel;
  }
  channel.event("snapshot", view(i.answer));
  if (i.answer.status !== "streaming") {
    void finish();
    return channel;
  }
  let sent = i.answer.text;
  let polling = false;
  const poll = async () => {
    if (polling || channel.ended) return;
    polling = true;
    try {
      const now = i.now();
      const a = await i.read();
      if (a === undefined) return channel.close();
      if (a.text.length > sent.length && a.text.startsWith(sent)) {
        channel.event("delta", { text: a.text.slice(sent.length) });
        sent = a.text;
      }
      const stale = a.status === "streaming" && (a.flushedAt ?? 0) < now - i.staleMs;
      if (a.status !== "streaming" || (stale && (await i.failStale(now - i.staleMs)))) await finish();
    } catch {
      // A failed read is retried at the next poll; the stream stays open.
    } finally {
      polling = false;
    }
  };
  const poller = setInterval(() => void poll(), i.pollMs);
  poller.unref();
  timers.push(poller);
  void poll();
  return channel;
}
