/** A signed-in session's tokens, as the SDK reports them to `onTokens` after a sign-in or a refresh. */
export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token was valid for when issued. */
  expiresIn: number;
}

/** The client's credential: a session (access and refresh token) or a gateway API key. */
export interface CredentialOptions {
  /** A user's access token (a JWT from `auth.logIn`). */
  accessToken?: string;
  /** A gateway API key (`gh_…`): a service account's acts with its role on the control plane. */
  apiKey?: string;
  /** Renews the access token when it has expired; rotated on every refresh. */
  refreshToken?: string;
  /** Called with the new tokens after each sign-in and refresh: persist them (the old refresh token is dead). */
  onTokens?: (tokens: SessionTokens) => void | Promise<void>;
}

/** The credential a client holds and how it is renewed; one per client, no shared state. */
export interface SessionCredential {
  /** The `Authorization` header value, if the client has a credential. */
  authorization(): string | undefined;
  /** Whether a 401 answered to `usedAuthorization` may be cured by refreshing. */
  canRefresh(): boolean;
  /**
   * Makes sure the credential is newer than `usedAuthorization`: refreshes once however many calls ask at
   * the same time (single flight); a call that got its 401 after another refresh just retries.
   */
  refreshAfter(usedAuthorization: string | undefined): Promise<void>;
  /** Adopts a new session (after sign-in, sign-up, accepting an invitation or a refresh). */
  adopt(tokens: SessionTokens): Promise<void>;
  /** Forgets the session (after log-out). */
  clear(): void;
  /** The current tokens (undefined parts when the client has none). */
  current(): { accessToken?: string; refreshToken?: string; apiKey?: string };
}

/**
 * The session credential of one client: the tokens it holds, and a refresh that runs at most once at a
 * time; the refresh token is single use, so two concurrent refreshes would end the session.
 */
export function createSessionCredential(
  options: CredentialOptions,
  refresh: (refreshToken: string) => Promise<SessionTokens>,
): SessionCredential {
  let accessToken = options.accessToken;
  let refreshToken = options.refreshToken;
  let inFlight: Promise<void> | undefined;
  const header = () => {
    const token = accessToken ?? options.apiKey;
    return token === undefined ? undefined : `Bearer ${token}`;
  };

  const adopt = async (tokens: SessionTokens) => {
    accessToken = tokens.accessToken;
    refreshToken = tokens.refreshToken;
    await options.onTokens?.(tokens);
  };

  return {
    authorization: header,
    canRefresh: () => refreshToken !== undefined,
    async refreshAfter(used) {
      if (header() !== used) return;
      if (inFlight === undefined) {
        const token = refreshToken;
        if (token === undefined) return;
        inFlight = refresh(token)
          .then(adopt)
          .finally(() => {
            inFlight = undefined;
          });
      }
      await inFlight;
    },
    adopt,
    clear() {
      accessToken = undefined;
      refreshToken = undefined;
    },
    current: () => ({
      ...(accessToken === undefined ? {} : { accessToken }),
      ...(refreshToken === undefined ? {} : { refreshToken }),
      ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
    }),
  };
}
