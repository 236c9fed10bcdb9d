import { z } from "zod";
import { Email, Empty, Id, Name, NewPassword, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";

const tag = "Authentication";

export const UserSchema = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  emailVerified: z.boolean(),
  createdAt: Timestamp,
});

/** What signing in gives: a short-lived access token (a JWT for `Authorization: Bearer`) and a refresh token. */
export const SessionSchema = z.object({
  accessToken: z.string(),
  tokenType: z.literal("Bearer"),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  /** Single use: each refresh answers a new one; presenting a used one ends the whole session. */
  refreshToken: z.string(),
  user: UserSchema,
});

const Password = z.string().min(1, "Required.").max(256);

export const signUp = defineContract({
  id: "auth.signUp",
  method: "POST",
  path: "/api/auth/signup",
  tag,
  summary: "Create an account (and a tenant of your own)",
  description:
    "Open only when sign-up is enabled (GATEHOUSE_SIGNUP), and only for the allowed email domains.",
  access: "public",
  body: z.object({ email: Email, password: NewPassword, name: Name }),
  response: SessionSchema,
  status: 201,
});

export const logIn = defineContract({
  id: "auth.logIn",
  method: "POST",
  path: "/api/auth/login",
  tag,
  summary: "Sign in with email and password",
  access: "public",
  body: z.object({ email: z.string().max(254), password: Password }),
  response: SessionSchema,
});

export const refreshSession = defineContract({
  id: "auth.refresh",
  method: "POST",
  path: "/api/auth/refresh",
  tag,
  summary: "Exchange a refresh token for new tokens",
  access: "public",
  body: z.object({ refreshToken: z.string().min(1).max(200) }),
  response: SessionSchema,
});

export const logOut = defineContract({
  id: "auth.logOut",
  method: "POST",
  path: "/api/auth/logout",
  tag,
  summary: "End this session",
  access: "public",
  body: z.object({ refreshToken: z.string().min(1).max(200) }),
  response: Empty,
  status: 204,
});

export const logOutEverywhere = defineContract({
  id: "auth.logOutEverywhere",
  method: "POST",
  path: "/api/auth/logout-all",
  tag,
  summary: "End every session of the signed-in user",
  access: "user",
  response: Empty,
  status: 204,
});

export const getMe = defineContract({
  id: "auth.me",
  method: "GET",
  path: "/api/auth/me",
  tag,
  summary: "The signed-in user and their tenants",
  access: "user",
  response: z.object({
    user: UserSchema,
    memberships: z.array(z.object({ tenantId: Id, tenantName: z.string(), role: z.string() })),
  }),
});

export const changePassword = defineContract({
  id: "auth.changePassword",
  method: "POST",
  path: "/api/auth/password",
  tag,
  summary: "Change your password (ends your other sessions)",
  access: "user",
  body: z.object({ currentPassword: Password, newPassword: NewPassword }),
  response: Empty,
  status: 204,
});

export const requestPasswordReset = defineContract({
  id: "auth.requestPasswordReset",
  method: "POST",
  path: "/api/auth/password-reset",
  tag,
  summary: "Email a password-reset link",
  description:
    "Answers 204 whether or not the address has an account, so it cannot be used to find accounts.",
  access: "public",
  body: z.object({ email: z.string().max(254) }),
  response: Empty,
  status: 204,
});

export const resetPassword = defineContract({
  id: "auth.resetPassword",
  method: "POST",
  path: "/api/auth/password-reset/confirm",
  tag,
  summary: "Set a new password with the emailed token (ends every session)",
  access: "public",
  body: z.object({ token: z.string().min(1).max(200), newPassword: NewPassword }),
  response: Empty,
  status: 204,
});

export const requestEmailVerification = defineContract({
  id: "auth.requestEmailVerification",
  method: "POST",
  path: "/api/auth/verify-email",
  tag,
  summary: "Email a verification link to the signed-in user",
  access: "user",
  response: Empty,
  status: 204,
});

export const verifyEmail = defineContract({
  id: "auth.verifyEmail",
  method: "POST",
  path: "/api/auth/verify-email/confirm",
  tag,
  summary: "Confirm an email address with the emailed token",
  access: "public",
  body: z.object({ token: z.string().min(1).max(200) }),
  response: Empty,
  status: 204,
});

export const AUTH_CONTRACTS = [
  signUp,
  logIn,
  refreshSession,
  logOut,
  logOutEverywhere,
  getMe,
  changePassword,
  requestPasswordReset,
  resetPassword,
  requestEmailVerification,
  verifyEmail,
] as const;
