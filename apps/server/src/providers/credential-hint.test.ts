import { describe, expect, it } from "vitest";
import { credentialHint } from "./credential-hint.js";

describe("credentialHint", () => {
  it("shows the last four of the API key, never more", () => {
    expect(credentialHint({ apiKey: "sk-proj-abcdefghijklmnop1234" })).toBe("…1234");
  });
  it("uses the AWS secret key, then the service account key id", () => {
    expect(
      credentialHint({ accessKeyId: "AKIA", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzz" }),
    ).toBe("…zzzz");
    const json = JSON.stringify({ private_key_id: "0123456789abcdef0123456789abcdefwxyz", private_key: "x" });
    expect(credentialHint({ serviceAccountJson: json })).toBe("…wxyz");
  });
  it("is null without a secret and an ellipsis for a short one", () => {
    expect(credentialHint({})).toBeNull();
    expect(credentialHint({ serviceAccountJson: "not json" })).toBeNull();
    expect(credentialHint({ apiKey: "short" })).toBe("…");
  });
});
