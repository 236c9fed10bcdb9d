import type { SessionTokens } from "@gatehouse/sdk";
import type { SessionStore } from "./session-store";

/** Runs `fn` holding a lock shared by the browser's tabs (Web Locks), or just runs it without them. */
export type TabLock = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

/** An access token this close to its expiry is not adopted from another tab: it would die in flight. */
const MARGIN_MS = 30_000;

/**
 * The refresh of a session the browser's tabs share. A refresh token is single use and reusing one ends
 * the whole session (rotation with reuse detection), so two tabs must never refresh with the same
 * token: refreshes run one at a time under a lock; a tab whose token another tab already rotated adopts
 * that tab's pair while its access token lasts, or refreshes with the newest token; the new pair is
 * stored before the lock is released.
 */
export function crossTabRefresh(sessions: SessionStore, lock: TabLock | undefined, now = Date.now) {
  return (held: string, refresh: (token: string) => Promise<SessionTokens>): Promise<SessionTokens> => {
    const run = async () => {
      const stored = sessions.load();
      if (stored !== undefined && stored.refreshToken !== held) {
        const left = (stored.expiresAt ?? 0) - now();
        if (stored.accessToken !== undefined && left > MARGIN_MS) {
          return {
            accessToken: stored.accessToken,
            refreshToken: stored.refreshToken,
            expiresIn: Math.floor(left / 1000),
          };
        }
      }
      const tokens = await refresh(stored?.refreshToken ?? held);
      sessions.save(tokens);
      return tokens;
    };
    return lock === undefined ? run() : lock("gatehouse.refresh", run);
  };
}

/** The browser's Web Locks, when it has them. */
export function browserTabLock(): TabLock | undefined {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks === undefined) return undefined;
  return (name, fn) => locks.request(name, fn) as ReturnType<typeof fn>;
}
