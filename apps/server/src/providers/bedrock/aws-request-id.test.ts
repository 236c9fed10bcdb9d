import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { awsRequestId } from "./aws-request-id.js";

const ID = "9f4e0c1a-1b2c-4d5e-8f90-123456789abc";

describe("awsRequestId", () => {
  it("reads x-amzn-requestid, then the other spellings AWS uses, as the AWS SDK does", () => {
    expect(awsRequestId({ "x-amzn-requestid": ID })).toBe(ID);
    expect(awsRequestId({ "x-amzn-request-id": ID })).toBe(ID);
    expect(awsRequestId({ "x-amz-request-id": "ZFQ6A0RQV9FWMYZM" })).toBe("ZFQ6A0RQV9FWMYZM");
    expect(awsRequestId({ "x-amzn-requestid": ID, "x-amz-request-id": "OTHER" })).toBe(ID);
    expect(awsRequestId({ "x-amzn-requestid": [ID, "second"] })).toBe(ID);
  });

  it("is undefined when absent, empty, or not a plain token", () => {
    expect(awsRequestId({})).toBeUndefined();
    expect(awsRequestId({ "x-amzn-requestid": "" })).toBeUndefined();
    expect(awsRequestId({ "x-amzn-requestid": "a b" })).toBeUndefined();
    expect(awsRequestId({ "x-amzn-requestid": `${"a".repeat(129)}` })).toBeUndefined();
    expect(awsRequestId({ "x-amzn-requestid": "<script>" })).toBeUndefined();
  });

  it("answers only plain tokens of at most 128 characters, whatever the header holds", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.uuid()), (value) => {
        const id = awsRequestId({ "x-amzn-requestid": value });
        if (id !== undefined) {
          expect(id).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
          expect(id).toBe(value.trim());
        }
      }),
    );
  });
});
