import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useApi } from "../../api/api-context";

/** Where the live stream stands: opening, open, or waiting to reconnect after it failed. */
export type LiveState = "connecting" | "live" | "offline";

/** The query-key prefixes the Activity page reads; each is re-read when usage lands. */
const USAGE_QUERIES = ["usage.summary", "usage.analytics", "usage.top"];

/**
 * Keeps the Activity page live while it is open: reads `usage.live` (server-sent events, through fetch
 * so the bearer token is sent) and re-reads the page's usage queries on each `usage` event — the charts
 * update without a reload. The server ends a stream after a few minutes (and at shutdown); it is opened
 * again, after a growing pause when it failed. Returns the state for the page's "Live" badge.
 */
export function useUsageLive(tenantId: string, enabled: boolean): LiveState {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");

  useEffect(() => {
    if (!enabled) return;
    const stop = new AbortController();
    let failures = 0;
    let opened = false;
    const refetch = () =>
      queryClient.invalidateQueries({
        predicate: (q) => USAGE_QUERIES.includes(String(q.queryKey[0])) && q.queryKey[1] === tenantId,
      });
    (async () => {
      while (!stop.signal.aborted) {
        setState("connecting");
        try {
          for await (const event of client.events("usage.live", {
            params: { tenantId },
            query: { maxSeconds: 300 },
            signal: stop.signal,
          })) {
            if (event.event === "ready") {
              // Usage that landed while reconnecting would otherwise wait for the next event.
              if (opened) void refetch();
              opened = true;
              failures = 0;
              setState("live");
            } else if (event.event === "usage") void refetch();
          }
        } catch {
          if (stop.signal.aborted) return;
          failures += 1;
          setState("offline");
        }
        // An ended stream reconnects soon; a failing one backs off up to 30 s.
        const pause = failures === 0 ? 500 : Math.min(30_000, 1_000 * 2 ** failures);
        await new Promise((r) => setTimeout(r, pause));
      }
    })();
    return () => stop.abort();
  }, [client, queryClient, tenantId, enabled]);

  return enabled ? state : "offline";
}
