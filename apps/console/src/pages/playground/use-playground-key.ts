import { useCallback } from "react";
import { useApi } from "../../api/api-context";

interface StoredKey {
  secret: string;
  expiresAt: number;
}

/**
 * Issues in flight, by storage slot: two panes asking at once share one key (a second issue would revoke
 * the first while it is in use).
 */
const inflight = new Map<string, Promise<string>>();

/** Keys with less than this left are replaced before use, so an answer never outlives its key. */
const MARGIN_MS = 5 * 60_000;

/**
 * The playground's credential for the data plane: a short-lived key of the signed-in user in the
 * workspace (operation playground.issueKey), kept in this tab's session storage and reused while valid.
 * `renew` forces a new one (after the gateway refused the stored one).
 */
export function usePlaygroundKey(tenantId: string, workspaceId: string | undefined) {
  const { client } = useApi();
  const slot = `gatehouse.playground-key.${tenantId}.${workspaceId ?? ""}`;

  const issue = useCallback((): Promise<string> => {
    const pending = inflight.get(slot);
    if (pending !== undefined) return pending;
    const next = (async () => {
      if (workspaceId === undefined) throw new Error("Choose a workspace first.");
      const { key, secret } = await client.playground.issueKey({ params: { tenantId, workspaceId } });
      const stored: StoredKey = { secret, expiresAt: key.expiresAt ?? Date.now() + 3_600_000 };
      sessionStorage.setItem(slot, JSON.stringify(stored));
      return secret;
    })().finally(() => inflight.delete(slot));
    inflight.set(slot, next);
    return next;
  }, [client, tenantId, workspaceId, slot]);

  const get = useCallback(async (): Promise<string> => {
    const raw = sessionStorage.getItem(slot);
    if (raw !== null) {
      try {
        const stored = JSON.parse(raw) as StoredKey;
        if (stored.expiresAt - Date.now() > MARGIN_MS) return stored.secret;
      } catch {
        // A damaged entry is replaced below.
      }
    }
    return issue();
  }, [slot, issue]);

  return { get, renew: issue };
}
