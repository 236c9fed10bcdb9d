import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { modelOffers, routedByWildcard, wildcardPrefix } from "./model-offers";

const open = { wildcards: ["openai/*"], allowedModels: null };

describe("routedByWildcard", () => {
  it("takes a name a wildcard routes and the allow-list admits, as the gateway would", () => {
    expect(routedByWildcard("openai/gpt-4o-mini", open)).toBe(true);
    expect(routedByWildcard("openai/", open)).toBe(false);
    expect(routedByWildcard("anthropic/claude", open)).toBe(false);
    expect(routedByWildcard("openai/gpt-4o-mini", { ...open, allowedModels: ["openai/gpt-4.1*"] })).toBe(
      false,
    );
    expect(routedByWildcard("openai/gpt-4.1-nano", { ...open, allowedModels: ["openai/gpt-4.1*"] })).toBe(
      true,
    );
    expect(routedByWildcard("openai/gpt-4o", { wildcards: [], allowedModels: null })).toBe(false);
  });

  it("refuses names with spaces, stars, other characters, or past 200 characters", () => {
    for (const bad of ["openai/gpt 4o", "openai/gpt-*", "openai/gpté", "", `openai/${"x".repeat(194)}`])
      expect(routedByWildcard(bad, open)).toBe(false);
    expect(routedByWildcard(`openai/${"x".repeat(193)}`, open)).toBe(true);
  });

  it("never takes a name outside every wildcard, whatever it is", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (name) => {
        if (!name.startsWith("openai/")) expect(routedByWildcard(name, open)).toBe(false);
      }),
    );
  });
});

describe("modelOffers", () => {
  it("offers the listed models, then the wildcards, and 'Use <name>' first for a routed name typed", () => {
    const offers = modelOffers({ models: ["gpt-4o"], routes: open, value: "gpt-4o", search: " openai/o3 " });
    expect(offers).toEqual([
      { value: "openai/o3", label: "Use openai/o3", kind: "use" },
      { value: "gpt-4o", label: "gpt-4o", kind: "model" },
      { value: "openai/*", label: "openai/*", kind: "wildcard" },
    ]);
  });

  it("offers nothing to use for a name no wildcard routes, or one already listed", () => {
    const none = modelOffers({ models: ["openai/gpt-4o"], routes: open, value: "", search: "anthropic/x" });
    expect(none.map((o) => o.kind)).toEqual(["model", "wildcard"]);
    const listed = modelOffers({
      models: ["openai/gpt-4o"],
      routes: open,
      value: "",
      search: "openai/gpt-4o",
    });
    expect(listed.map((o) => o.kind)).toEqual(["model", "wildcard"]);
  });

  it("keeps the conversation's model: named when a wildcard routes it, gone when nothing allows it", () => {
    const named = modelOffers({ models: [], routes: open, value: "openai/o3", search: "openai/o3" });
    expect(named).toEqual([
      { value: "openai/*", label: "openai/*", kind: "wildcard" },
      { value: "openai/o3", label: "openai/o3", kind: "named" },
    ]);
    const gone = modelOffers({ models: [], routes: open, value: "old-model", search: "" });
    expect(gone.at(-1)).toEqual({ value: "old-model", label: "old-model", kind: "gone" });
  });

  it("gives every option a distinct value, whatever is typed", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("openai/a", "openai/*", "b", "openai/b"), { maxLength: 4 }),
        fc.constantFrom("", "openai/a", "openai/b", "c"),
        fc.constantFrom("", "openai/a", "openai/b", "openai/*", " openai/c"),
        (models, value, search) => {
          const values = modelOffers({ models: [...new Set(models)], routes: open, value, search }).map(
            (o) => o.value,
          );
          expect(new Set(values).size).toBe(values.length);
        },
      ),
    );
  });
});

describe("wildcardPrefix", () => {
  it("is the part before the star", () => {
    expect(wildcardPrefix("openai/*")).toBe("openai/");
    expect(wildcardPrefix("gpt-4o")).toBe("gpt-4o");
  });
});
