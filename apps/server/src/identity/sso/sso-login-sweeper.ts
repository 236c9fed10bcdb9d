import type { SsoLoginsRepo } from "../../store/sso/sso-types.js";

/** Deletes expired single sign-on logins of every tenant, at most once per interval. */
export interface SsoLoginSweeper {
  /** Sweeps when the last sweep is `everyMs` old; otherwise does nothing. Never throws. */
  maybeSweep(): Promise<void>;
}

export interface SsoLoginSweeperOptions {
  logins: Pick<SsoLoginsRepo, "sweepExpired">;
  now: () => number;
  /** Default 5 minutes: a started login lives 10, so rows outlive their expiry by at most half that. */
  everyMs?: number;
  /** Told when a sweep fails (the login that triggered it goes on). */
  onError: (error: unknown) => void;
}

/**
 * A tenant's expired logins are deleted when its next login starts; this sweeper also removes those of
 * tenants whose logins stopped (or whose single sign-on was removed), riding on login starts instead of
 * a timer. At most one sweep runs at a time, and at most one per interval per instance.
 *
 * @example
 * const sweeper = createSsoLoginSweeper({ logins: store.accounts.ssoLogins, now: Date.now, onError: log });
 * await sweeper.maybeSweep();
 */
export function createSsoLoginSweeper(options: SsoLoginSweeperOptions): SsoLoginSweeper {
  const { logins, now, everyMs = 5 * 60_000, onError } = options;
  let lastAt = Number.NEGATIVE_INFINITY;
  return {
    async maybeSweep() {
      const at = now();
      if (at - lastAt < everyMs) return;
      lastAt = at; // set before awaiting, so concurrent starts do not sweep twice
      try {
        await logins.sweepExpired();
      } catch (error) {
        onError(error);
      }
    },
  };
}
