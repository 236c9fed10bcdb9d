import type { SessionTokens } from "@gatehouse/sdk";
import { describe, expect, it } from "vitest";
import { crossTabRefresh, type TabLock } from "./cross-tab-refresh";
import { browserSessionStore } from "./session-store";

/** A Storage over a Map: two "tabs" share one, as a browser's tabs share localStorage. */
function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
    key: (i) => [...m.keys()][i] ?? null,
    get length() {
      return m.size;
    },
  };
}

/** One lock for every tab: calls run one after another, like navigator.locks.request. */
function sharedLock(): TabLock {
  let tail: Promise<unknown> = Promise.resolve();
  return (_name, fn) => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => {});
    return run;
  };
}

const pair = (n: number): SessionTokens => ({
  accessToken: `eyJ.${n}`,
  refreshToken: `ghr_${n}`,
  expiresIn: 900,
});

describe("crossTabRefresh", () => {
  it("never refreshes twice with one token: the second tab adopts the first tab's new pair", async () => {
    const storage = memoryStorage();
    const now = () => 1_000_000;
    const sessions = browserSessionStore(storage, now);
    sessions.save(pair(0));
    const used: string[] = [];
    let n = 0;
    const server = async (token: string) => {
      used.push(token);
      await new Promise((r) => setTimeout(r, 5));
      return pair(++n);
    };
    const lock = sharedLock();
    const tabA = crossTabRefresh(sessions, lock, now);
    const tabB = crossTabRefresh(sessions, lock, now);
    // Both tabs' access tokens expired at once; both hold ghr_0.
    const [a, b] = await Promise.all([tabA("ghr_0", server), tabB("ghr_0", server)]);
    expect(used).toEqual(["ghr_0"]);
    expect(a).toEqual(pair(1));
    expect(b.refreshToken).toBe("ghr_1");
    expect(sessions.load()?.refreshToken).toBe("ghr_1");
  });

  it("refreshes with the newest stored token when the shared access token is about to expire", async () => {
    const storage = memoryStorage();
    let t = 0;
    const sessions = browserSessionStore(storage, () => t);
    sessions.save(pair(3)); // stored at t=0, expires at 900 s
    t = 890_000; // 10 s left: not worth adopting
    const used: string[] = [];
    const tokens = await crossTabRefresh(
      sessions,
      undefined,
      () => t,
    )("ghr_1", async (token) => {
      used.push(token);
      return pair(4);
    });
    expect(used).toEqual(["ghr_3"]);
    expect(tokens).toEqual(pair(4));
    expect(sessions.load()).toEqual({
      refreshToken: "ghr_4",
      accessToken: "eyJ.4",
      expiresAt: 890_000 + 900_000,
    });
  });

  it("reads nothing unreadable as a session", () => {
    const storage = memoryStorage();
    const sessions = browserSessionStore(storage);
    for (const raw of ["", "{", "null", '{"refreshToken":""}', '{"refreshToken":5}', '"ghr_x"']) {
      storage.setItem(sessions.key, raw);
      expect(sessions.load()).toBeUndefined();
    }
  });
});
