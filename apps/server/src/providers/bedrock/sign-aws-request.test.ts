import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signAwsRequest } from "./sign-aws-request.js";

// AWS's Signature Version 4 test suite: scope AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,
// secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, request time 20150830T123600Z.
// @see https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html
const SUITE = {
  host: "example.amazonaws.com",
  path: "/",
  body: "",
  region: "us-east-1",
  service: "service",
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
  now: Date.UTC(2015, 7, 30, 12, 36, 0),
  contentSha256Header: false,
};
const EMPTY_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const SCOPE = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
/** The suite's example session token (post-sts-token). */
const STS_TOKEN =
  "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

describe("signAwsRequest against the AWS SigV4 test suite", () => {
  it("get-vanilla-query-order-key-case: canonical request, string to sign and authorization", () => {
    const signed = signAwsRequest({ ...SUITE, method: "GET", query: "Param2=value2&Param1=value1" });
    expect(signed.canonicalRequest).toBe(
      `GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n${EMPTY_HASH}`,
    );
    expect(signed.headers).toEqual({
      "x-amz-date": "20150830T123600Z",
      authorization: `AWS4-HMAC-SHA256 Credential=${SCOPE}, SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500`,
    });
  });

  it("get-vanilla and post-vanilla", () => {
    expect(signAwsRequest({ ...SUITE, method: "GET" }).signature).toBe(
      "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    );
    expect(signAwsRequest({ ...SUITE, method: "POST" }).signature).toBe(
      "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
    );
  });

  it("post-x-www-form-urlencoded: a signed content-type and a body hash", () => {
    const signed = signAwsRequest({
      ...SUITE,
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "Param1=value1",
    });
    expect(signed.headers.authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=${SCOPE}, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a`,
    );
  });

  it("post-sts-header-before: the session token is sent and signed", () => {
    const signed = signAwsRequest({
      ...SUITE,
      method: "POST",
      credentials: { ...SUITE.credentials, sessionToken: STS_TOKEN },
    });
    expect(signed.stringToSign).toBe(
      "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nc237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6",
    );
    expect(signed.headers["x-amz-security-token"]).toBe(STS_TOKEN);
    expect(signed.headers.authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=${SCOPE}, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead`,
    );
  });
});

describe("signAwsRequest for Bedrock", () => {
  const bedrock = {
    ...SUITE,
    method: "POST",
    host: "bedrock-runtime.us-east-1.amazonaws.com",
    path: "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse",
    service: "bedrock",
    body: '{"messages":[]}',
    contentSha256Header: undefined,
  };

  it("encodes the wire path once more (non-S3 services): %3A becomes %253A", () => {
    const { canonicalRequest } = signAwsRequest(bedrock);
    expect(canonicalRequest.split("\n")[1]).toBe(
      "/model/anthropic.claude-3-haiku-20240307-v1%253A0/converse",
    );
  });

  it("signs x-amz-content-sha256 by default, with the body's hash", () => {
    const signed = signAwsRequest(bedrock);
    const bodyHash = createHash("sha256").update(bedrock.body).digest("hex");
    expect(signed.headers["x-amz-content-sha256"]).toBe(bodyHash);
    expect(signed.canonicalRequest.endsWith(`\nhost;x-amz-content-sha256;x-amz-date\n${bodyHash}`)).toBe(
      true,
    );
    expect(signed.headers.authorization).toContain(
      "Credential=AKIDEXAMPLE/20150830/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date,",
    );
  });

  it("changes the signature when the body changes", () => {
    const a = signAwsRequest(bedrock).signature;
    const b = signAwsRequest({ ...bedrock, body: '{"messages":[1]}' }).signature;
    expect(a).not.toBe(b);
  });
});
