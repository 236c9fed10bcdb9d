import { describe, expect, it } from "vitest";
import type { RateLimitRule } from "../store/rate-limits/rate-limit-types.js";
import { RateLimitBook } from "./rate-limit-book.js";

let n = 0;
function rule(extra: Partial<RateLimitRule>): RateLimitRule {
  return {
    id: `rl_${++n}`,
    tenantId: "ten_a",
    scopeKind: "tenant",
    scopeId: "ten_a",
    model: null,
    rpm: 1,
    tpm: null,
    concurrency: null,
    createdAt: 0,
    updatedAt: 0,
    ...extra,
  };
}

const alice = { id: "key_1", tenantId: "ten_a", workspaceId: "ws_1", userId: "usr_1" };
const service = { id: "key_2", tenantId: "ten_a", workspaceId: "ws_1", userId: null };

describe("RateLimitBook", () => {
  it("finds the rules of the request's tenant, workspace, user and key whose model pattern matches", () => {
    const book = new RateLimitBook();
    const rules = [
      rule({}),
      rule({ scopeKind: "workspace", scopeId: "ws_1", model: "gpt-4o*" }),
      rule({ scopeKind: "workspace", scopeId: "ws_2" }),
      rule({ scopeKind: "user", scopeId: "usr_1", model: "claude-*" }),
      rule({ scopeKind: "key", scopeId: "key_1" }),
      rule({ tenantId: "ten_b", scopeId: "ten_b" }),
    ];
    book.replaceAll(rules);
    const ids = (p: typeof alice | typeof service, model: string | undefined) =>
      book.applicable(p, model).map((r) => r.id);
    expect(ids(alice, "gpt-4o-mini")).toEqual([rules[0]!.id, rules[1]!.id, rules[4]!.id]);
    expect(ids(alice, "claude-sonnet-4")).toEqual([rules[0]!.id, rules[3]!.id, rules[4]!.id]);
    expect(ids(service, undefined)).toEqual([rules[0]!.id]);
    expect(ids({ ...alice, tenantId: "ten_c" }, "gpt-4o")).toEqual([]);
  });

  it("replaces one tenant's part whole, leaving the others; an empty list forgets it", () => {
    const book = new RateLimitBook();
    const b = rule({ tenantId: "ten_b", scopeId: "ten_b" });
    book.replaceAll([rule({}), b]);
    const fresh = rule({ rpm: 9 });
    book.replaceTenant("ten_a", [fresh]);
    expect(book.applicable(alice, "m")).toEqual([fresh]);
    expect(book.applicable({ ...alice, tenantId: "ten_b" }, "m")).toEqual([b]);
    book.replaceTenant("ten_a", []);
    expect(book.applicable(alice, "m")).toEqual([]);
  });
});
