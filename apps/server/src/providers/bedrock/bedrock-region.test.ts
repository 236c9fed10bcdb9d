import { describe, expect, it } from "vitest";
import type { UpstreamTarget } from "../upstream-target.js";
import { bedrockBaseUrl, bedrockRegion } from "./bedrock-region.js";

const target = (origin: string, config: Record<string, unknown> = {}) =>
  ({ name: "aws", origin, config }) as UpstreamTarget;

describe("bedrockBaseUrl", () => {
  it("is the region's runtime endpoint, and refuses what is not a region", () => {
    expect(bedrockBaseUrl("us-gov-west-1")).toBe("https://bedrock-runtime.us-gov-west-1.amazonaws.com");
    expect(() => bedrockBaseUrl("evil.com/x")).toThrow(/not an AWS region/);
  });
});

describe("bedrockRegion", () => {
  it("prefers config.region, else reads the endpoint's host (FIPS too)", () => {
    expect(
      bedrockRegion(target("https://bedrock-runtime.eu-west-1.amazonaws.com", { region: "us-east-2" })),
    ).toBe("us-east-2");
    expect(bedrockRegion(target("https://bedrock-runtime-fips.us-west-2.amazonaws.com"))).toBe("us-west-2");
    expect(() => bedrockRegion(target("https://proxy.example.test"))).toThrow(/needs a region/);
  });
});
