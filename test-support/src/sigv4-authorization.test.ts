import { describe, expect, it } from "vitest";
import { hasSigV4Shape, parseSigV4Authorization } from "./sigv4-authorization.js";

const SIG = "0123456789abcdef".repeat(4);
const AUTH = `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE12345/20250102/us-east-1/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=${SIG}`;

describe("parseSigV4Authorization / hasSigV4Shape", () => {
  it("parses a well-formed header", () => {
    expect(parseSigV4Authorization(AUTH)).toEqual({
      accessKeyId: "AKIDEXAMPLE12345",
      date: "20250102",
      region: "us-east-1",
      service: "bedrock",
      signedHeaders: ["content-type", "host", "x-amz-date"],
      signature: SIG,
    });
  });

  it("rejects other schemes and malformed headers", () => {
    expect(parseSigV4Authorization("Bearer abc")).toBeUndefined();
    expect(parseSigV4Authorization(AUTH.replace(SIG, "xyz"))).toBeUndefined();
    expect(parseSigV4Authorization(undefined)).toBeUndefined();
  });

  it("requires x-amz-date on the credential date and signed host and x-amz-date", () => {
    expect(hasSigV4Shape({ authorization: AUTH, "x-amz-date": "20250102T101112Z" })).toBe(true);
    expect(hasSigV4Shape({ authorization: AUTH })).toBe(false);
    expect(hasSigV4Shape({ authorization: AUTH, "x-amz-date": "20250103T101112Z" })).toBe(false);
    const unsignedHost = AUTH.replace("content-type;host;x-amz-date", "x-amz-date");
    expect(hasSigV4Shape({ authorization: unsignedHost, "x-amz-date": "20250102T101112Z" })).toBe(false);
  });
});
