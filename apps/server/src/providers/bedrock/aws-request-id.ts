import type { ResponseHeaders } from "../provider-adapter.js";

/** The response headers AWS names a request by, in the order the AWS SDK reads them. */
const REQUEST_ID_HEADERS = ["x-amzn-requestid", "x-amzn-request-id", "x-amz-request-id"] as const;

/** What an id that reaches a client may look like: AWS sends UUIDs; nothing that could break a header or log line. */
const PLAIN_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id AWS gave a call (its `x-amzn-requestid` response header), which is the only id a Bedrock
 * Converse answer has: its body carries none. The same id is what AWS support asks for, so using it as
 * the answer's id lets an operator trace a client's complaint to AWS. Undefined when the header is
 * absent or not a plain token (undici gives header names lowercased).
 * @see https://http.dev/x-amzn-requestid
 * @see https://github.com/aws/aws-sdk-js-v3/pull/4015 (the SDK's `$metadata.requestId`: these headers, in this order)
 *
 * @example
 * awsRequestId({ "x-amzn-requestid": "9f4e0c1a-1b2c-4d5e-8f90-123456789abc" }); // "9f4e0c1a-…"
 */
export function awsRequestId(headers: ResponseHeaders): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const raw = headers[name];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (value !== undefined && PLAIN_ID.test(value)) return value;
  }
  return undefined;
}
