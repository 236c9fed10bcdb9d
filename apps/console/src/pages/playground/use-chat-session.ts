import { useCallback, useRef, useState } from "react";
import { chatRequestBody, type PlaygroundMessage, type PlaygroundSettings } from "./playground-request";
import { responsesRequestBody } from "./responses-request";
import { ChatError, type StreamUsage, streamChat } from "./stream-chat";

/** A turn with what the gateway said about it (assistant turns). */
export interface ChatEntry extends PlaygroundMessage {
  usage?: StreamUsage;
  requestId?: string;
  /** Still streaming. */
  partial?: boolean;
  /** Stopped by the user before the end. */
  stopped?: boolean;
}

export interface ChatSession {
  entries: ChatEntry[];
  streaming: boolean;
  error: unknown;
  send(text: string): Promise<void>;
  stop(): void;
  clear(): void;
}

/**
 * One conversation with one model: sends the history plus a new user turn as a streaming request (Chat
 * Completions or the Responses API, as the settings say) and
 * grows the last assistant turn as chunks arrive. A key the gateway refuses (expired, revoked) is
 * renewed once and the request sent again.
 */
export function useChatSession(deps: {
  origin: string;
  model: string;
  settings: PlaygroundSettings;
  key: { get(): Promise<string>; renew(): Promise<string> };
}): ChatSession {
  const [entries, setEntries] = useState<ChatEntry[]>([]);
  const [streaming, setStreaming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<AbortController | null>(null);
  const history = useRef<ChatEntry[]>([]);
  history.current = entries;

  const patchLast = useCallback((patch: (e: ChatEntry) => ChatEntry) => {
    setEntries((all) => [...all.slice(0, -1), patch(all[all.length - 1]!)]);
  }, []);

  const send = useCallback(
    async (text: string) => {
      const { origin, model, settings, key } = deps;
      const turns: ChatEntry[] = [...history.current, { role: "user", content: text }];
      setEntries([...turns, { role: "assistant", content: "", partial: true }]);
      setError(null);
      setStreaming(true);
      const controller = new AbortController();
      abort.current = controller;
      const api = settings.api;
      const body = (api === "responses" ? responsesRequestBody : chatRequestBody)(model, settings, turns);
      const handlers = {
        onText: (t: string) => patchLast((e) => ({ ...e, content: e.content + t })),
        onToolCalls: (calls: ChatEntry["toolCalls"]) =>
          patchLast((e) => ({ ...e, ...(calls ? { toolCalls: calls } : {}) })),
        onUsage: (usage: StreamUsage) => patchLast((e) => ({ ...e, usage })),
        onRequestId: (requestId: string) => patchLast((e) => ({ ...e, requestId })),
      };
      try {
        try {
          await streamChat(origin, await key.get(), api, body, handlers, controller.signal);
        } catch (e) {
          if (!(e instanceof ChatError && e.status === 401)) throw e;
          await streamChat(origin, await key.renew(), api, body, handlers, controller.signal);
        }
        patchLast((e) => ({ ...e, partial: false }));
      } catch (e) {
        if (controller.signal.aborted) {
          patchLast((entry) => ({ ...entry, partial: false, stopped: true }));
        } else {
          patchLast((entry) => ({ ...entry, partial: false }));
          setError(e);
        }
      } finally {
        setStreaming(false);
        abort.current = null;
      }
    },
    [deps, patchLast],
  );

  const stop = useCallback(() => abort.current?.abort(), []);
  const clear = useCallback(() => {
    abort.current?.abort();
    setEntries([]);
    setError(null);
  }, []);
  return { entries, streaming, error, send, stop, clear };
}
