import { GatewayError } from "@gatehouse/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveBaseUrl } from "./resolve-base-url.js";

function refusal(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    return err as GatewayError;
  }
  throw new Error("expected a refusal");
}

describe("resolveBaseUrl", () => {
  it("takes the operator's URL, without trailing slashes", () => {
    expect(resolveBaseUrl("openai", "https://api.openai.com/v1/", {})).toBe("https://api.openai.com/v1");
    expect(resolveBaseUrl("bedrock", "http://127.0.0.1:4000", { region: "eu-west-1" })).toBe(
      "http://127.0.0.1:4000",
    );
  });

  it("derives Bedrock's endpoint from its region and Vertex AI's from its location", () => {
    expect(resolveBaseUrl("bedrock", undefined, { region: "eu-west-1" })).toBe(
      "https://bedrock-runtime.eu-west-1.amazonaws.com",
    );
    expect(resolveBaseUrl("vertex", undefined, { location: "europe-west4" })).toBe(
      "https://europe-west4-aiplatform.googleapis.com/v1",
    );
    expect(resolveBaseUrl("vertex", undefined, { location: "global" })).toBe(
      "https://aiplatform.googleapis.com/v1",
    );
  });

  it("names what else would do when there is no URL", () => {
    expect(refusal(() => resolveBaseUrl("bedrock", undefined, {})).message).toBe(
      "A 'bedrock' provider needs a base URL or a region (config.region).",
    );
    expect(refusal(() => resolveBaseUrl("vertex", undefined, { region: "x" })).message).toBe(
      "A 'vertex' provider needs a base URL or a location (config.location).",
    );
    expect(refusal(() => resolveBaseUrl("openai", undefined, { region: "eu-west-1" })).message).toBe(
      "A 'openai' provider needs a base URL.",
    );
  });

  it("refuses malformed settings and URLs with a 400", () => {
    expect(refusal(() => resolveBaseUrl("bedrock", undefined, { region: "evil.com/x" })).status).toBe(400);
    expect(refusal(() => resolveBaseUrl("openai", "not a url", {})).message).toMatch(/is not a URL/);
    expect(refusal(() => resolveBaseUrl("openai", "ftp://x.test", {})).message).toMatch(/http or https/);
    expect(refusal(() => resolveBaseUrl("openai", "https://u:p@x.test", {})).message).toMatch(/--api-key/);
  });

  it("answers an http(s) URL or a 400, whatever it is given", () => {
    const settings = fc.dictionary(
      fc.constantFrom("region", "location"),
      fc.oneof(fc.string(), fc.integer()),
    );
    const kind = fc.constantFrom("openai", "bedrock", "vertex", "azure", "ollama") as fc.Arbitrary<
      "openai" | "bedrock" | "vertex" | "azure" | "ollama"
    >;
    // URL-like text: a scheme (or none), user info sometimes, then any characters.
    const urlish = fc
      .tuple(
        fc.constantFrom("https://", "http://", "ftp://", "", "//"),
        fc.constantFrom("", "u:p@"),
        fc.string(),
      )
      .map(([scheme, user, rest]) => `${scheme}${user}${rest}`);
    const url = fc.option(fc.oneof(fc.string(), urlish), { nil: undefined });
    fc.assert(
      fc.property(kind, url, settings, (k, given, config) => {
        try {
          const out = resolveBaseUrl(k, given, config);
          expect(new URL(out).protocol).toMatch(/^https?:$/);
          expect(out.endsWith("/")).toBe(false);
        } catch (err) {
          expect(err).toBeInstanceOf(GatewayError);
          expect((err as GatewayError).status).toBe(400);
        }
      }),
    );
  });
});
