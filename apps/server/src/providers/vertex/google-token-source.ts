import type { AuthContext, TargetAuth } from "../upstream-target.js";
import { type AccessToken, fetchGoogleToken } from "./fetch-google-token.js";
import type { ServiceAccount } from "./parse-service-account.js";

/** When to refresh a cached token. */
export interface TokenTiming {
  /** From this long before expiry, a request starts a refresh in the background and uses the old token. */
  refreshAheadMs: number;
  /** From this long before expiry, the old token is not used: requests wait for the new one. */
  minValidityMs: number;
}

const DEFAULT_TIMING: TokenTiming = { refreshAheadMs: 5 * 60_000, minValidityMs: 30_000 };

/**
 * A service account's OAuth access token, cached until shortly before it expires. Refreshes are
 * single-flight (concurrent requests share one token request) and happen off the hot path: in the
 * last minutes of a token's life a request triggers the refresh but goes on with the old token; only
 * a cold or nearly expired cache makes a request wait. One instance per routing target.
 * @see https://developers.google.com/identity/protocols/oauth2/service-account#httprest
 *
 * @example
 * const source = new GoogleTokenSource(parseServiceAccount(json), "vertex-prod");
 * await source.headers({ upstream, now: Date.now() }); // { authorization: "Bearer ya29...." }
 */
export class GoogleTokenSource implements TargetAuth {
  private current: AccessToken | undefined;
  private inflight: Promise<AccessToken> | undefined;

  constructor(
    private readonly serviceAccount: ServiceAccount,
    private readonly provider: string,
    private readonly timing: TokenTiming = DEFAULT_TIMING,
  ) {}

  async headers(ctx: AuthContext): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await this.token(ctx)}` };
  }

  /** A usable access token, fetching one only when the cache cannot serve. */
  async token(ctx: AuthContext): Promise<string> {
    const cached = this.current;
    if (cached && ctx.now < cached.expiresAt - this.timing.refreshAheadMs) return cached.token;
    const next = this.refresh(ctx);
    if (cached && ctx.now < cached.expiresAt - this.timing.minValidityMs) {
      // A failed early refresh is simply tried again by a later request.
      next.catch(() => undefined);
      return cached.token;
    }
    return (await next).token;
  }

  private refresh(ctx: AuthContext): Promise<AccessToken> {
    this.inflight ??= fetchGoogleToken(this.serviceAccount, ctx, this.provider)
      .then((t) => {
        this.current = t;
        return t;
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }
}
