import { describe, expect, it } from "vitest";
import { ssoCompleteUrl, ssoLoginUrl, ssoRedirectUri } from "./sso-urls.js";

describe("single sign-on addresses", () => {
  it("puts every address under the public URL, with or without its trailing slash", () => {
    expect(ssoRedirectUri("https://gh.example.com/")).toBe("https://gh.example.com/api/auth/sso/callback");
    expect(ssoLoginUrl("https://gh.example.com", "ten_A")).toBe(
      "https://gh.example.com/api/auth/sso/ten_A/start",
    );
  });

  it("carries the one-time code and the landing path in the fragment only", () => {
    const url = new URL(ssoCompleteUrl("https://gh.example.com", "ghs_abc-_1", "/keys?x=1&y=2"));
    expect(url.search).toBe("");
    expect(url.pathname).toBe("/sso/complete");
    const fragment = new URLSearchParams(url.hash.slice(1));
    expect([fragment.get("code"), fragment.get("redirect")]).toEqual(["ghs_abc-_1", "/keys?x=1&y=2"]);
    expect(new URL(ssoCompleteUrl("https://gh.example.com", "c", null)).hash).toBe("#code=c");
  });
});
