import { z } from "zod";
import { SessionSchema } from "./auth-contracts.js";
import { Empty, Id, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";
import { oidcRoleMappingSchema } from "./oidc-role-mapping.js";

const tag = "Single sign-on";
const TenantParams = z.object({ tenantId: Id });

const HttpUrl = z.url({ protocol: /^https?$/ }).max(500);
/** An OAuth scope token (RFC 6749 §3.3): printable ASCII without space, `"` or `\`. */
const Scope = z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,100}$/, "Not a scope token.");
const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^@?[a-z0-9-]+(\.[a-z0-9-]+)+$/, "Not an email domain.")
  .transform((d) => d.replace(/^@/, ""));

/** A tenant's OpenID Connect settings as the API shows them: the client secret only as its last four. */
export const SsoConfigSchema = z.object({
  tenantId: Id,
  /** The issuer identifier, exactly as the provider's discovery document states it. */
  issuer: z.string(),
  clientId: z.string(),
  /** `…` and the secret's last four characters (only the ellipsis for short secrets). */
  clientSecretLastFour: z.string(),
  /** Scopes asked for besides `openid email profile`, e.g. ["groups"]. */
  extraScopes: z.array(z.string()),
  mapping: oidcRoleMappingSchema,
  /** Verified email domains admitted; empty admits every domain. */
  allowedDomains: z.array(z.string()),
  /** Whether an unknown person who signs in gets an account (and a membership) at once. */
  jitProvisioning: z.boolean(),
  enabled: z.boolean(),
  /** The redirect URI to register at the provider. */
  redirectUri: z.string(),
  /** Where a browser starts a login for this tenant. */
  loginUrl: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const SsoConfigBody = z.object({
  issuer: HttpUrl,
  clientId: z.string().trim().min(1).max(500),
  /** Required the first time; left out later, the stored secret stays. */
  clientSecret: z.string().min(1).max(2000).optional(),
  extraScopes: z.array(Scope).max(20).default([]),
  mapping: oidcRoleMappingSchema,
  allowedDomains: z.array(Domain).max(100).default([]),
  jitProvisioning: z.boolean().default(false),
  enabled: z.boolean().default(true),
});

export const getSso = defineContract({
  id: "sso.get",
  method: "GET",
  path: "/api/tenants/:tenantId/sso",
  tag,
  summary: "The tenant's single sign-on (OpenID Connect) settings",
  description: "404 when single sign-on is not configured. The client secret is never shown.",
  access: { permission: "tenant:read" },
  params: TenantParams,
  response: SsoConfigSchema,
});

export const putSso = defineContract({
  id: "sso.put",
  method: "PUT",
  path: "/api/tenants/:tenantId/sso",
  tag,
  summary: "Configure single sign-on (OpenID Connect) for the tenant",
  description:
    "Owners only (besides tenant:update): the provider can sign in as any member. The issuer must be https (http on 127.0.0.1/localhost only when the server allows it for development). Checks the issuer's discovery document and that every workspace the mapping names exists. The client secret is stored encrypted; leave it out to keep the stored one.",
  access: { permission: "tenant:update" },
  params: TenantParams,
  body: SsoConfigBody,
  response: SsoConfigSchema,
});

export const deleteSso = defineContract({
  id: "sso.delete",
  method: "DELETE",
  path: "/api/tenants/:tenantId/sso",
  tag,
  summary: "Remove the tenant's single sign-on settings",
  description:
    "Owners only (besides tenant:update). Accounts created by single sign-on stay; their members sign in with a password reset.",
  access: { permission: "tenant:update" },
  params: TenantParams,
  response: Empty,
  status: 204,
});

export const startSso = defineContract({
  id: "auth.ssoStart",
  method: "GET",
  path: "/api/auth/sso/:tenantId/start",
  tag,
  summary: "Start a single sign-on login: redirects to the identity provider",
  description:
    "Answers 302 to the provider's authorization endpoint (code flow, PKCE S256, state and nonce kept server-side for 10 minutes). `redirect` is a path of the console to land on afterwards. Rate-limited per client address and per tenant, and at most 10 000 logins under way per tenant: 429 `rate_limited` with Retry-After beyond.",
  access: "public",
  params: TenantParams,
  query: z.object({
    redirect: z
      .string()
      .max(500)
      .regex(/^\/(?![/\\])[^\s\\]*$/, "A path of this site, starting with a single /.")
      .optional(),
  }),
  response: z.object({ location: z.string() }),
  status: 302,
});

export const ssoCallback = defineContract({
  id: "auth.ssoCallback",
  method: "GET",
  path: "/api/auth/sso/callback",
  tag,
  summary: "The identity provider's redirect back (the redirect URI)",
  description:
    "Verifies the login and answers 302 to the console (`/sso/complete#code=…`) with a one-time code that auth.ssoExchange trades for a session within 60 seconds. No token ever travels in a URL.",
  access: "public",
  query: z.object({
    code: z.string().max(2000).optional(),
    state: z.string().max(200).optional(),
    iss: z.string().max(500).optional(),
    error: z.string().max(200).optional(),
    error_description: z.string().max(1000).optional(),
  }),
  response: z.object({ location: z.string() }),
  status: 302,
});

export const ssoExchange = defineContract({
  id: "auth.ssoExchange",
  method: "POST",
  path: "/api/auth/sso/exchange",
  tag,
  summary: "Trade a single sign-on code for a session",
  description:
    "The code works once, for 60 seconds. Rate-limited per client address: 429 `rate_limited` with Retry-After beyond.",
  access: "public",
  body: z.object({ code: z.string().min(1).max(200) }),
  response: SessionSchema,
});

export const SSO_CONTRACTS = [getSso, putSso, deleteSso, startSso, ssoCallback, ssoExchange] as const;
