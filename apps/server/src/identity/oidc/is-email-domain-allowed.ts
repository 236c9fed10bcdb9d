/** Options of {@link isEmailDomainAllowed}. */
export interface EmailDomainCheckOptions {
  /**
   * Whether the provider must have verified the address (`email_verified: true`) for its domain to
   * count. Default true: an unverified address proves nothing about who owns it. Turn it off only for
   * providers that vouch for every address and omit the claim (e.g. Azure AD's `email` of a member).
   */
  requireVerified?: boolean;
}

/**
 * Whether an identity's email is in one of the allowed domains: the part after the last `@`, compared
 * whole and case-insensitively (`corp.example.com` does not admit `example.com`, nor the reverse). No
 * list, or an empty one, allows everyone; with a list, a missing email is refused.
 *
 * @example
 * isEmailDomainAllowed({ email: "Jane@Example.com", emailVerified: true }, ["example.com"]); // true
 */
export function isEmailDomainAllowed(
  identity: { email?: string | undefined; emailVerified: boolean },
  allowedDomains: readonly string[] | undefined,
  options: EmailDomainCheckOptions = {},
): boolean {
  if (allowedDomains === undefined || allowedDomains.length === 0) return true;
  if ((options.requireVerified ?? true) && !identity.emailVerified) return false;
  const email = identity.email ?? "";
  const at = email.lastIndexOf("@");
  if (at <= 0 || at === email.length - 1) return false;
  const domain = email.slice(at + 1).toLowerCase();
  return allowedDomains.some((allowed) => allowed.trim().toLowerCase().replace(/^@/, "") === domain);
}
