/**
 * The addresses of single sign-on, all under the installation's public URL (GATEHOUSE_PUBLIC_URL): the
 * redirect URI to register at the identity provider, the link that starts a tenant's login, and the
 * console page a finished login lands on, with its one-time code in the fragment (never sent to a server
 * or written to an access log).
 *
 * @example
 * ssoRedirectUri("https://gh.example.com"); // "https://gh.example.com/api/auth/sso/callback"
 */
export function ssoRedirectUri(publicUrl: string): string {
  return `${trimmed(publicUrl)}/api/auth/sso/callback`;
}

/** Where a browser starts a login for the tenant. */
export function ssoLoginUrl(publicUrl: string, tenantId: string): string {
  return `${trimmed(publicUrl)}/api/auth/sso/${encodeURIComponent(tenantId)}/start`;
}

/** The console page that trades `code` for a session (auth.ssoExchange), then goes to `redirectPath`. */
export function ssoCompleteUrl(publicUrl: string, code: string, redirectPath: string | null): string {
  const fragment = new URLSearchParams({ code });
  if (redirectPath !== null) fragment.set("redirect", redirectPath);
  return `${trimmed(publicUrl)}/sso/complete#${fragment.toString()}`;
}

/**
 * The console page a failed login step sends a browser to, relative to this origin (the request's own),
 * with the error's code and message in the fragment (never sent to a server, never logged).
 */
export function ssoFailedUrl(code: string, message: string): string {
  return `/sso/complete#${new URLSearchParams({ error: code, message }).toString()}`;
}

function trimmed(url: string): string {
  return url.replace(/\/+$/, "");
}
