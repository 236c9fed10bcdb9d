import { z } from "zod";
import { UserSchema } from "./auth-contracts.js";
import { Empty, Name, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";
import { PageQuery, pageOf } from "./pagination.js";

const tag = "Authentication";

/** One signed-in session of the caller: a login and every refresh that followed it. */
export const AccountSessionSchema = z.object({
  /** The session's id (what `auth.revokeSession` takes). */
  id: z.string(),
  /** When the login happened. */
  createdAt: Timestamp,
  /** When the session last refreshed its tokens (its login, until it first refreshes). */
  lastUsedAt: Timestamp,
  /** When it ends unless it refreshes again. */
  expiresAt: Timestamp,
  /** The browser or client that signed in, as it named itself; null when it sent none. */
  userAgent: z.string().nullable(),
  /** The address it signed in from. */
  ip: z.string().nullable(),
  /** Whether this is the session making the request. */
  current: z.boolean(),
});

export const updateProfile = defineContract({
  id: "auth.updateProfile",
  method: "PATCH",
  path: "/api/auth/me",
  tag,
  summary: "Change your own name",
  access: "user",
  body: z.object({ name: Name }),
  response: UserSchema,
});

export const listSessions = defineContract({
  id: "auth.listSessions",
  method: "GET",
  path: "/api/auth/sessions",
  tag,
  summary: "List your active sessions (newest sign-in first)",
  access: "user",
  query: z.object(PageQuery),
  response: pageOf(AccountSessionSchema),
});

export const revokeSession = defineContract({
  id: "auth.revokeSession",
  method: "POST",
  path: "/api/auth/sessions/revoke",
  tag,
  summary: "End one of your sessions",
  description:
    "Its refresh token stops working and its access token is refused on its next request. Like " +
    "auth.logOut, a session that is not yours, already ended or unknown changes nothing (still 204), " +
    "so the answer tells nothing about other people's sessions.",
  access: "user",
  body: z.object({ sessionId: z.string().min(1).max(60) }),
  response: Empty,
  status: 204,
});

export const ACCOUNT_CONTRACTS = [updateProfile, listSessions, revokeSession] as const;
