import { generateApiKey } from "../../auth/api-key-format.js";
import type { CaseContext } from "./expect-outcome.js";
import { ACCEPTED_AUTH, AUTH_STYLES, type AuthStyle } from "./pipeline-driver.js";
import { type ConformanceCase, refused, served } from "./run-conformance.js";
import type { CallAuth } from "./use-pipeline-gateway.js";

const send = (auth: (ctx: CaseContext) => CallAuth) => (ctx: CaseContext) =>
  ctx.pg.call(ctx.driver.request(ctx.model), auth(ctx));

const always = () => true;

/** The valid key in each style: served where the surface reads that style, else a missing key (401). */
const STYLE_CASES: ConformanceCase[] = AUTH_STYLES.map((style: AuthStyle) => ({
  name: `key as ${style}`,
  applies: always,
  send: send(() => ({ style })),
  expected: ({ driver }) =>
    ACCEPTED_AUTH[driver.surface].includes(style) ? served(driver) : refused(401, "missing_api_key"),
}));

/**
 * Authentication, the first step of every request: each key style, and the keys that must be refused
 * with a 401 before anything else happens (no body read, no upstream call, no usage record).
 */
export const AUTH_CASES: readonly ConformanceCase[] = [
  ...STYLE_CASES,
  {
    name: "no key → 401",
    applies: always,
    send: send(() => ({ key: null })),
    expected: () => refused(401, "missing_api_key"),
  },
  {
    name: "malformed key → 401",
    applies: always,
    send: send(() => ({ key: "sk-not-a-gatehouse-key" })),
    expected: () => refused(401, "invalid_api_key"),
  },
  {
    name: "unknown (well-formed, never issued) key → 401",
    applies: always,
    send: send(() => ({ key: generateApiKey() })),
    expected: () => refused(401, "invalid_api_key"),
  },
  {
    name: "revoked key → 401",
    applies: always,
    send: send(({ pg }) => ({ key: pg.keys.revoked })),
    expected: () => refused(401, "revoked_api_key"),
  },
  {
    name: "expired key → 401",
    applies: always,
    send: send(({ pg }) => ({ key: pg.keys.expired })),
    expected: () => refused(401, "expired_api_key"),
  },
  {
    name: "revoked key in ?key= → 401",
    applies: (d) => d.surface === "gemini",
    send: send(({ pg }) => ({ style: "query-key", key: pg.keys.revoked })),
    expected: () => refused(401, "revoked_api_key"),
  },
];
