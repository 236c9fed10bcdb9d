import { GatehouseApiError } from "@gatehouse/sdk";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useApi } from "../../api/api-context";
import {
  chatRequestBody,
  DEFAULT_SETTINGS,
  type PlaygroundMessage,
  type PlaygroundSettings,
} from "../playground/playground-request";
import type { BranchMessage } from "./chat-tree";

/** The answer being streamed: shown under its question until it ends. */
export interface PendingAnswer {
  conversationId: string;
  /** The assistant message the server is writing; "" while the server is starting it. */
  messageId: string;
  /** The user message it answers. */
  parentId: string;
  text: string;
  /** Stop was asked: the server is ending it. */
  stopping: boolean;
}

export interface AnswerRequest {
  conversationId: string;
  parentId: string;
  model: string;
  /** The branch up to and including the question. */
  history: PlaygroundMessage[];
  /** System prompt and sampling parameters (the conversation's preset: presetSettings); defaults when absent. */
  settings?: PlaygroundSettings;
}

/** How many times a dropped event stream is opened again before the answer is left to a reload. */
const RECONNECTS = 5;

/**
 * Answers run by the server (docs/chat.md, "Resumable answers"): `run` asks for one with the request
 * this page builds (messages, preset settings) and the user's playground key — the server sends it
 * through the data plane as the user and stores the answer as it streams — then follows its events.
 * `resume` follows an answer still streaming (after a reload, or from another tab); `stop` asks the
 * server to stop it (the text so far is kept, marked stopped). A refused key (401) is renewed once; a
 * refusal (budget, quota, bad model) is kept in `error` for the page to show in place.
 */
export function useAnswerStream(deps: {
  tenantId: string;
  workspaceId: string;
  key: { get(): Promise<string>; renew(): Promise<string> };
}) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<PendingAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const current = useRef<{ answer: PendingAnswer; abort: AbortController } | null>(null);
  // Leaving the page stops reading (the answer goes on on the server).
  useEffect(() => () => current.current?.abort.abort(), []);

  /** Reads an answer's events to their end; the final status, or undefined when the stream was left. */
  const follow = useCallback(
    async (first: PendingAnswer): Promise<string | undefined> => {
      const { tenantId, workspaceId } = deps;
      current.current?.abort.abort();
      const abort = new AbortController();
      let answer = first;
      current.current = { answer, abort };
      const patch = (p: Partial<PendingAnswer>) => {
        answer = { ...answer, ...p };
        if (current.current?.abort === abort) current.current.answer = answer;
        setPending(answer);
      };
      patch({});
      let status: string | undefined;
      const params = {
        tenantId,
        workspaceId,
        conversationId: first.conversationId,
        messageId: first.messageId,
      };
      for (
        let attempt = 0;
        status === undefined && attempt <= RECONNECTS && !abort.signal.aborted;
        attempt++
      ) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 500 * attempt));
        try {
          for await (const e of client.events("conversations.answerEvents", {
            params,
            signal: abort.signal,
          })) {
            const data = JSON.parse(e.data) as { text?: string; status?: string };
            if (e.event === "snapshot") patch({ text: data.text ?? "" });
            else if (e.event === "delta") patch({ text: answer.text + (data.text ?? "") });
            else if (e.event === "end") status = data.status ?? "done";
          }
        } catch (e) {
          if (abort.signal.aborted) break;
          if (e instanceof GatehouseApiError && e.status === 404) break;
        }
      }
      if (abort.signal.aborted && current.current?.abort !== abort) return undefined;
      current.current = null;
      await queryClient.invalidateQueries({
        queryKey: ["conversations.get", tenantId, workspaceId, first.conversationId],
      });
      void queryClient.invalidateQueries({ queryKey: ["conversations.list", tenantId, workspaceId] });
      void queryClient.invalidateQueries({ queryKey: ["budgets.mine", tenantId, workspaceId] });
      setPending(null);
      return status;
    },
    [deps, client, queryClient],
  );

  const run = useCallback(
    async (req: AnswerRequest): Promise<boolean> => {
      const { tenantId, workspaceId, key } = deps;
      setError(null);
      // The server sets the model and streaming; the page decides the rest (messages, settings).
      const body = chatRequestBody(req.model, req.settings ?? DEFAULT_SETTINGS, req.history, false);
      // A preset's tools: the model decides whether to call one (docs/chat.md, "Tool calls").
      if (Array.isArray(body.tools) && body.tools.length > 0) body.tool_choice = "auto";
      const start = async (secret: string) =>
        client.conversations.startAnswer({
          params: { tenantId, workspaceId, conversationId: req.conversationId },
          body: { parentId: req.parentId, model: req.model, key: secret, body },
        });
      // Shown at once, before the server answers (it waits for the model's first byte).
      const waiting = {
        answer: {
          conversationId: req.conversationId,
          parentId: req.parentId,
          messageId: "",
          text: "",
          stopping: false,
        } as PendingAnswer,
        abort: new AbortController(),
      };
      current.current?.abort.abort();
      current.current = waiting;
      setPending(waiting.answer);
      let started: Awaited<ReturnType<typeof start>>;
      try {
        try {
          started = await start(await key.get());
        } catch (e) {
          if (!(e instanceof GatehouseApiError && e.status === 401)) throw e;
          started = await start(await key.renew());
        }
      } catch (e) {
        if (current.current === waiting) {
          current.current = null;
          setPending(null);
        }
        setError(e);
        return false;
      }
      void queryClient.invalidateQueries({ queryKey: ["conversations.list", tenantId, workspaceId] });
      // Stop was pressed while the answer was starting: it is stopped as soon as it exists.
      const stopAsked = current.current === waiting && waiting.answer.stopping;
      const params = {
        tenantId,
        workspaceId,
        conversationId: req.conversationId,
        messageId: started.message.id,
      };
      const following = follow({
        conversationId: req.conversationId,
        messageId: started.message.id,
        parentId: req.parentId,
        text: "",
        stopping: stopAsked,
      });
      if (stopAsked) client.conversations.stopAnswer({ params }).catch((e: unknown) => setError(e));
      return (await following) === "done";
    },
    [deps, client, queryClient, follow],
  );

  /** Follows an answer the server is still writing (found streaming when the conversation loaded). */
  const resume = useCallback(
    (conversationId: string, m: Pick<BranchMessage, "id" | "parentId" | "text">) => {
      if (current.current?.answer.messageId === m.id || m.parentId === null) return;
      void follow({ conversationId, messageId: m.id, parentId: m.parentId, text: m.text, stopping: false });
    },
    [follow],
  );

  const stop = useCallback(() => {
    const now = current.current;
    if (now === null || now.answer.stopping) return;
    const { tenantId, workspaceId } = deps;
    now.answer = { ...now.answer, stopping: true };
    setPending(now.answer);
    const { conversationId, messageId } = now.answer;
    // Not started yet: `run` stops it once the server names it.
    if (messageId === "") return;
    client.conversations
      .stopAnswer({ params: { tenantId, workspaceId, conversationId, messageId } })
      .catch((e: unknown) => setError(e));
  }, [deps, client]);

  const clearError = useCallback(() => setError(null), []);
  return { pending, streaming: pending !== null, error, run, resume, stop, clearError };
}
