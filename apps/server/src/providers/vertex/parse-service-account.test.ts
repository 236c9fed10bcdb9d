import { generateKeyPairSync } from "node:crypto";
import { GatewayError } from "@gatehouse/protocol";
import { fakeServiceAccount } from "@gatehouse/test-support";
import { describe, expect, it } from "vitest";
import { parseServiceAccount } from "./parse-service-account.js";

const sa = fakeServiceAccount("proj-1");
const file = JSON.parse(sa.keyFile("https://oauth2.example.test/token")) as Record<string, unknown>;
const withFields = (over: Record<string, unknown>) => JSON.stringify({ ...file, ...over });

function problem(json: string): string {
  try {
    parseServiceAccount(json);
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).code).toBe("invalid_request");
    expect((err as GatewayError).message).not.toContain("PRIVATE KEY");
    return (err as GatewayError).message;
  }
  throw new Error("parsed");
}

describe("parseServiceAccount", () => {
  it("reads email, key, key id, token URI and project", () => {
    const parsed = parseServiceAccount(sa.keyFile("https://oauth2.example.test/token"));
    expect(parsed).toMatchObject({
      clientEmail: sa.clientEmail,
      privateKeyId: "0123456789abcdef0123456789abcdef01234567",
      tokenUri: "https://oauth2.example.test/token",
      projectId: "proj-1",
    });
    expect(parsed.privateKey.asymmetricKeyType).toBe("rsa");
  });

  it("defaults the token URI to Google's", () => {
    expect(parseServiceAccount(withFields({ token_uri: undefined })).tokenUri).toBe(
      "https://oauth2.googleapis.com/token",
    );
  });

  it("names what is wrong, never quoting the key", () => {
    expect(problem("{nope")).toMatch(/is not JSON/);
    expect(problem("[]")).toMatch(/not a JSON object/);
    expect(problem(withFields({ type: "authorized_user" }))).toMatch(/type 'authorized_user'/);
    expect(problem(withFields({ client_email: "" }))).toMatch(/no client_email/);
    expect(
      problem(withFields({ private_key: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----" })),
    ).toMatch(/not a PEM private key/);
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({
      type: "pkcs8",
      format: "pem",
    });
    expect(problem(withFields({ private_key: ec }))).toMatch(/not an RSA key/);
    expect(problem(withFields({ token_uri: "file:///etc/passwd" }))).toMatch(/token_uri/);
  });
});
