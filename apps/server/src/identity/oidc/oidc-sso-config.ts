import { z } from "zod";
import { oidcRoleMappingSchema } from "./oidc-role-mapping.js";

/**
 * One OpenID Connect provider's settings, as the server keeps them (per tenant or for the instance).
 * `clientSecret` is a secret: store it sealed and never log or return it.
 *
 * @example
 * oidcSsoConfigSchema.parse({
 *   issuer: "https://login.example.com", clientId: "gatehouse", clientSecret: "…",
 *   redirectUri: "https://gatehouse.example.com/api/auth/oidc/callback", extraScopes: ["groups"],
 *   allowedDomains: ["example.com"], mapping: { rules: [{ group: "gh-admins", tenantRole: "admin" }] },
 * });
 */
export const oidcSsoConfigSchema = z.object({
  /** The issuer identifier, exactly as the provider's discovery document states it. */
  issuer: z.url({ protocol: /^https?$/ }),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** Gatehouse's callback URL, registered at the provider. */
  redirectUri: z.url({ protocol: /^https?$/ }),
  /** Scopes asked for besides `openid email profile`, e.g. ["groups"]. */
  extraScopes: z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, "a scope token")).default([]),
  /** Email domains admitted (verified addresses only); none or empty admits every domain. */
  allowedDomains: z.array(z.string().min(1)).optional(),
  mapping: oidcRoleMappingSchema,
});
export type OidcSsoConfig = z.infer<typeof oidcSsoConfigSchema>;
