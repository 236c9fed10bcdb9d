import { createGatehouseClient, type GatehouseClient } from "@gatehouse/sdk";
import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { browserTabLock, crossTabRefresh } from "./cross-tab-refresh";
import { browserSessionStore, type SessionStore } from "./session-store";

interface ApiState {
  client: GatehouseClient;
  /** Whether a session is held (a refresh token is stored); the server may still end it. */
  signedIn: boolean;
  /** Ends the session on the server (best effort) and here; every cached answer is dropped. */
  signOut(): Promise<void>;
  /** The origin of the API (this page's), for links, curl snippets and SSE. */
  origin: string;
}

const ApiContext = createContext<ApiState | undefined>(undefined);

/**
 * The SDK client the whole console shares, signed in with the stored session: the SDK adopts the tokens
 * of a sign-in, sign-up or accepted invitation and renews the access token once when it expires; a
 * refresh the server refuses ends the session here too, which sends the user to the sign-in page.
 */
export function ApiProvider({ children, store }: { children: ReactNode; store?: SessionStore }) {
  const sessions = useMemo(() => store ?? browserSessionStore(), [store]);
  const queryClient = useQueryClient();
  const [signedIn, setSignedIn] = useState(() => sessions.load() !== undefined);
  const origin = window.location.origin;

  const forget = useCallback(() => {
    sessions.clear();
    setSignedIn(false);
    queryClient.clear();
  }, [sessions, queryClient]);

  const client = useMemo(() => {
    const stored = sessions.load();
    return createGatehouseClient({
      baseUrl: origin,
      ...(stored && { refreshToken: stored.refreshToken }),
      // The access token of this session while it lasts (a reload or a second tab pays no refresh).
      ...(stored?.accessToken !== undefined &&
        (stored.expiresAt ?? 0) > Date.now() && { accessToken: stored.accessToken }),
      onTokens: (tokens) => {
        sessions.save(tokens);
        setSignedIn(true);
      },
      refreshWith: crossTabRefresh(sessions, browserTabLock()),
      fetch: async (input, init) => {
        const res = await globalThis.fetch(input, init);
        if (res.status === 401 && String(input).endsWith("/api/auth/refresh")) forget();
        return res;
      },
    });
  }, [sessions, origin, forget]);

  // Signed out in another tab: signed out here too.
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key === sessions.key && e.newValue === null) {
        setSignedIn(false);
        queryClient.clear();
      }
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [sessions, queryClient]);

  const signOut = useCallback(async () => {
    const { refreshToken } = client.tokens();
    if (refreshToken !== undefined) await client.auth.logOut({ body: { refreshToken } }).catch(() => {});
    forget();
  }, [client, forget]);

  const value = useMemo(() => ({ client, signedIn, signOut, origin }), [client, signedIn, signOut, origin]);
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

/** The console's API state; only inside ApiProvider. */
export function useApi(): ApiState {
  const state = useContext(ApiContext);
  if (state === undefined) throw new Error("useApi outside ApiProvider");
  return state;
}
