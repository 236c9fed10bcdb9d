// User-session identity primitives: pure, no HTTP and no store. Routes and repositories build on these.
export {
  type AccessClaims,
  type AccessTokenOptions,
  type AccessTokenSubject,
  type AccessTokens,
  createAccessTokens,
} from "./access-tokens.js";
export {
  createLoginThrottle,
  type LoginThrottle,
  type LoginThrottleOptions,
  type MemoryLoginThrottle,
  type ThrottleDecision,
  type ThrottleLimit,
} from "./login-throttle.js";
export { hashOpaqueToken, newOpaqueToken } from "./opaque-tokens.js";
export {
  createPasswordHasher,
  OWASP_ARGON2ID,
  type PasswordHasher,
  type PasswordHasherOptions,
} from "./password-hasher.js";
export {
  type IssuedSession,
  publicUser,
  SessionService,
  type SessionServiceDeps,
} from "./session-service.js";
export { throttleIpKey } from "./throttle-ip-key.js";
