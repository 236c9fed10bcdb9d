import { verify } from "node:crypto";
import { fakeServiceAccount } from "@gatehouse/test-support";
import { describe, expect, it } from "vitest";
import { parseServiceAccount } from "./parse-service-account.js";
import { signServiceAccountJwt } from "./sign-service-account-jwt.js";

const sa = fakeServiceAccount();
const TOKEN_URI = "https://oauth2.example.test/token";
const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));

describe("signServiceAccountJwt", () => {
  it("makes an RS256 JWT with the claims Google asks for, verifiable with the public key", () => {
    const jwt = signServiceAccountJwt(parseServiceAccount(sa.keyFile(TOKEN_URI)), 1_700_000_000_999);
    const [h, p, s] = jwt.split(".") as [string, string, string];
    expect(decode(h)).toEqual({ alg: "RS256", typ: "JWT", kid: "0123456789abcdef0123456789abcdef01234567" });
    expect(decode(p)).toEqual({
      iss: sa.clientEmail,
      scope: "https://www.googleapis.com/auth/cloud-platform",
      aud: TOKEN_URI,
      iat: 1_700_000_000,
      exp: 1_700_003_600,
    });
    expect(verify("sha256", Buffer.from(`${h}.${p}`), sa.publicKey, Buffer.from(s, "base64url"))).toBe(true);
    expect(verify("sha256", Buffer.from(`${h}.${p}x`), sa.publicKey, Buffer.from(s, "base64url"))).toBe(
      false,
    );
  });
});
