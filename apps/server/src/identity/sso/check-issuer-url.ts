import { GatewayError } from "@gatehouse/protocol";

/** Host names that reach only this machine. */
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Checks an issuer identifier before single sign-on settings are saved: OpenID Connect requires an
 * `https` URL with no query or fragment, since whoever can tamper with the provider's discovery
 * document or keys can sign in as anyone. Plain `http` is accepted only for a provider on this machine
 * (127.0.0.1, localhost, [::1]) and only when `allowHttpLoopback` is set (development and tests).
 * Throws a 400 naming `body.issuer`.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#IssuerIdentifier
 *
 * @example
 * checkIssuerUrl("https://acme.okta.com", { allowHttpLoopback: false }); // fine
 * checkIssuerUrl("http://acme.okta.com", { allowHttpLoopback: false }); // throws invalid_request
 */
export function checkIssuerUrl(issuer: string, options: { allowHttpLoopback: boolean }): void {
  const refuse = (why: string): never => {
    throw new GatewayError("invalid_request", `body.issuer: ${why}`);
  };
  const url = parseUrl(issuer) ?? refuse("Not a URL.");
  if (url.search !== "" || url.hash !== "" || /[?#]/.test(issuer)) {
    refuse("An issuer has no query or fragment.");
  }
  if (url.username !== "" || url.password !== "") refuse("An issuer carries no credentials.");
  if (url.protocol === "https:") return;
  if (url.protocol === "http:" && options.allowHttpLoopback && LOOPBACK_HOSTS.has(url.hostname)) return;
  refuse(
    options.allowHttpLoopback
      ? "Must use https (http only for a provider on 127.0.0.1 or localhost)."
      : "Must use https: the provider's keys and answers must not be open to tampering on the way.",
  );
}

/** `URL.parse` without needing Node 22. */
function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
