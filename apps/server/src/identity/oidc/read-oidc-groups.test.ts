import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readOidcGroups } from "./read-oidc-groups.js";

describe("readOidcGroups", () => {
  it("reads arrays, single strings, nested paths and dotted claim names", () => {
    expect(readOidcGroups({ groups: ["a", 1, "b", null] })).toEqual(["a", "b"]);
    expect(readOidcGroups({ groups: "a" })).toEqual(["a"]);
    expect(readOidcGroups({ realm_access: { roles: ["r"] } }, "realm_access.roles")).toEqual(["r"]);
    expect(readOidcGroups({ "https://x.example/groups": ["g"] }, "https://x.example/groups")).toEqual(["g"]);
    expect(readOidcGroups({ a: ["x"] }, "a.length")).toEqual([]);
    expect(readOidcGroups({}, "constructor.name")).toEqual([]);
  });

  it("never throws and returns only strings, whatever the claims", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (value, path) => {
        const claims =
          typeof value === "object" && value !== null && !Array.isArray(value) ? value : { groups: value };
        const groups = readOidcGroups(claims, path || "groups");
        expect(groups.every((g) => typeof g === "string")).toBe(true);
      }),
    );
  });
});
