import { describe, expect, it } from "vitest";
import { describeUserAgent } from "./describe-user-agent";

describe("describeUserAgent", () => {
  it("names the browser and the system, or shows what the client sent", () => {
    expect(
      describeUserAgent(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML) Chrome/140.0.0.0 Safari/537.36",
      ),
    ).toBe("Chrome on Linux");
    expect(
      describeUserAgent("Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko Firefox/128.0"),
    ).toBe("Firefox on macOS");
    expect(describeUserAgent("curl/8.5.0")).toBe("curl/8.5.0");
    expect(describeUserAgent(null)).toBe("Unknown device");
  });
});
