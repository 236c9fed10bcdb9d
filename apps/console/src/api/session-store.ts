import type { SessionTokens } from "@gatehouse/sdk";

/**
 * Where the console keeps the session between page loads and across the browser's tabs: the refresh
 * token (rotated on every refresh) with the access token it came with and when that expires, so a
 * reload or a second tab uses the access token while it lasts instead of refreshing.
 */
const KEY = "gatehouse.session";

/** The session as stored. */
export interface StoredSession {
  refreshToken: string;
  accessToken?: string;
  /** Epoch ms when the access token expires. */
  expiresAt?: number;
}

export interface SessionStore {
  load(): StoredSession | undefined;
  save(tokens: SessionTokens): void;
  clear(): void;
  /** The storage key, to tell this store's changes from others' in `storage` events. */
  readonly key: string;
}

/** The session store over `localStorage` (shared by the browser's tabs, as a sign-in should be). */
export function browserSessionStore(storage: Storage = window.localStorage, now = Date.now): SessionStore {
  return {
    key: KEY,
    load: () => parseSession(storage.getItem(KEY)),
    save: (t) =>
      storage.setItem(
        KEY,
        JSON.stringify({
          refreshToken: t.refreshToken,
          accessToken: t.accessToken,
          expiresAt: now() + t.expiresIn * 1000,
        }),
      ),
    clear: () => storage.removeItem(KEY),
  };
}

/** A stored session, or undefined for nothing or anything unreadable (then the user signs in again). */
export function parseSession(raw: string | null): StoredSession | undefined {
  if (raw === null) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof v.refreshToken !== "string" || v.refreshToken === "") return undefined;
    return {
      refreshToken: v.refreshToken,
      ...(typeof v.accessToken === "string" && { accessToken: v.accessToken }),
      ...(typeof v.expiresAt === "number" && { expiresAt: v.expiresAt }),
    };
  } catch {
    return undefined;
  }
}
