import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { useApi } from "../../api/api-context";
import {
  chatRequestBody,
  DEFAULT_SETTINGS,
  type PlaygroundMessage,
  type PlaygroundSettings,
} from "../playground/playground-request";
import { ChatError, type StreamUsage, streamChat } from "../playground/stream-chat";

/** The answer being streamed: shown under its question until it is stored. */
export interface PendingAnswer {
  conversationId: string;
  /** The user message it answers. */
  parentId: string;
  text: string;
  usage?: StreamUsage;
  requestId?: string;
  stopped: boolean;
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

/**
 * Streams an answer through the data plane with the user's playground key (every answer is gateway
 * traffic: metered and budgeted as the user) and, once the stream ends or is stopped, stores it with
 * conversations.appendMessage: its text (partial when stopped), the x-gatehouse-request-id as
 * usageRecordId and the stream's token counts. A refused key (401) is renewed once. A refusal (budget,
 * quota, bad model) is kept in `error` for the page to show in place.
 */
export function useAnswerStream(deps: {
  origin: string;
  tenantId: string;
  workspaceId: string;
  key: { get(): Promise<string>; renew(): Promise<string> };
}) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<PendingAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<AbortController | null>(null);

  const run = useCallback(
    async (req: AnswerRequest): Promise<boolean> => {
      const { origin, tenantId, workspaceId, key } = deps;
      let answer: PendingAnswer = {
        conversationId: req.conversationId,
        parentId: req.parentId,
        text: "",
        stopped: false,
      };
      const patch = (p: Partial<PendingAnswer>) => {
        answer = { ...answer, ...p };
        setPending(answer);
      };
      patch({});
      setError(null);
      const controller = new AbortController();
      abort.current = controller;
      const body = chatRequestBody(req.model, req.settings ?? DEFAULT_SETTINGS, req.history);
      const handlers = {
        onText: (t: string) => patch({ text: answer.text + t }),
        onToolCalls: () => {},
        onUsage: (usage: StreamUsage) => patch({ usage }),
        onRequestId: (requestId: string) => patch({ requestId }),
      };
      let failed: unknown = null;
      try {
        try {
          await streamChat(origin, await key.get(), "chat", body, handlers, controller.signal);
        } catch (e) {
          if (!(e instanceof ChatError && e.status === 401)) throw e;
          await streamChat(origin, await key.renew(), "chat", body, handlers, controller.signal);
        }
      } catch (e) {
        if (controller.signal.aborted) patch({ stopped: true });
        else failed = e;
      } finally {
        abort.current = null;
      }
      try {
        // What was generated is kept, even when stopped or cut short by an error (it was metered).
        if (answer.text !== "") {
          await client.conversations.appendMessage({
            params: { tenantId, workspaceId, conversationId: req.conversationId },
            body: {
              parentId: req.parentId,
              role: "assistant",
              text: answer.text,
              model: req.model,
              ...(answer.requestId ? { usageRecordId: answer.requestId } : {}),
              ...(answer.usage
                ? { inputTokens: answer.usage.promptTokens, outputTokens: answer.usage.completionTokens }
                : {}),
            },
          });
        }
      } catch (e) {
        failed ??= e;
      }
      await queryClient.invalidateQueries({
        queryKey: ["conversations.get", tenantId, workspaceId, req.conversationId],
      });
      void queryClient.invalidateQueries({ queryKey: ["conversations.list", tenantId, workspaceId] });
      void queryClient.invalidateQueries({ queryKey: ["budgets.mine", tenantId, workspaceId] });
      setPending(null);
      setError(failed);
      return failed === null && answer.text !== "";
    },
    [deps, client, queryClient],
  );

  const stop = useCallback(() => abort.current?.abort(), []);
  const clearError = useCallback(() => setError(null), []);
  return { pending, streaming: pending !== null, error, run, stop, clearError };
}
