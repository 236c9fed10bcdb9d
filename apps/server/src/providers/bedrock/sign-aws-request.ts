import { createHash, createHmac } from "node:crypto";

/** AWS credentials: a long-term key pair, or temporary ones with their session token. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** One HTTP request to sign, as it goes on the wire. */
export interface AwsRequestToSign {
  method: string;
  /** The Host header: host, and `:port` when not the scheme's default. */
  host: string;
  /** The path as sent (already percent-encoded), e.g. `/model/a%3Ab/converse`. */
  path: string;
  /** The query string without `?`, as sent ("" or undefined for none). */
  query?: string;
  /** Further headers to sign as they are sent (e.g. content-type). */
  headers?: Record<string, string>;
  body: string | Buffer;
  region: string;
  service: string;
  credentials: AwsCredentials;
  /** Signing time, Unix milliseconds. */
  now: number;
  /** Also sign and send `x-amz-content-sha256` (default true; the published test suite omits it). */
  contentSha256Header?: boolean;
  /** Every service but S3 encodes the wire path once more in the canonical URI (default true). */
  doubleEncodePath?: boolean;
}

/** The signature and the headers that carry it, plus the intermediate strings (for tests and debugging). */
export interface SignedAwsRequest {
  /** Headers to add to the request: authorization, x-amz-date, and when used x-amz-content-sha256, x-amz-security-token. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

const sha256Hex = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string): Buffer => createHmac("sha256", key).update(data).digest();

/** RFC 3986 percent-encoding: everything but A-Z a-z 0-9 - _ . ~ */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonicalUri(path: string, doubleEncode: boolean): string {
  if (path === "") return "/";
  return doubleEncode ? path.split("/").map(uriEncode).join("/") : path;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

/** Each name and value decoded from the wire then encoded the RFC 3986 way, sorted by name then value. */
function canonicalQuery(query: string | undefined): string {
  if (query === undefined || query === "") return "";
  const pairs = query
    .split("&")
    .filter((p) => p !== "")
    .map((p) => {
      const eq = p.indexOf("=");
      const name = eq < 0 ? p : p.slice(0, eq);
      const value = eq < 0 ? "" : p.slice(eq + 1);
      return [uriEncode(safeDecode(name)), uriEncode(safeDecode(value))] as const;
    });
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join("&");
}

/** `20150830T123600Z` */
function amzDate(now: number): string {
  return new Date(now)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/**
 * Signs a request with AWS Signature Version 4 (header form): canonical request (method, canonical URI,
 * canonical query, sorted lowercase headers with trimmed values, signed header list, payload SHA-256),
 * string to sign over the credential scope `date/region/service/aws4_request`, and the HMAC-SHA256 key
 * chain `AWS4{secret}` → date → region → service → aws4_request. A session token is sent and signed as
 * `x-amz-security-token`.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 * @see https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html
 *
 * @example
 * const { headers } = signAwsRequest({
 *   method: "POST", host: "bedrock-runtime.us-east-1.amazonaws.com", path: "/model/m/converse",
 *   headers: { "content-type": "application/json" }, body, region: "us-east-1", service: "bedrock",
 *   credentials: { accessKeyId, secretAccessKey }, now: Date.now(),
 * });
 */
export function signAwsRequest(req: AwsRequestToSign): SignedAwsRequest {
  const date = amzDate(req.now);
  const payloadHash = sha256Hex(req.body);
  const added: Record<string, string> = { "x-amz-date": date };
  if (req.contentSha256Header !== false) added["x-amz-content-sha256"] = payloadHash;
  if (req.credentials.sessionToken) added["x-amz-security-token"] = req.credentials.sessionToken;
  const toSign = new Map<string, string>([["host", req.host]]);
  for (const [name, value] of Object.entries({ ...req.headers, ...added })) {
    toSign.set(name.toLowerCase(), value.trim().replace(/\s+/g, " "));
  }
  const names = [...toSign.keys()].sort();
  const signedHeaders = names.join(";");
  const canonicalRequest = [
    req.method.toUpperCase(),
    canonicalUri(req.path, req.doubleEncodePath !== false),
    canonicalQuery(req.query),
    names.map((n) => `${n}:${toSign.get(n)}\n`).join(""),
    signedHeaders,
    payloadHash,
  ].join("\n");
  const scope = `${date.slice(0, 8)}/${req.region}/${req.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", date, scope, sha256Hex(canonicalRequest)].join("\n");
  const key = hmac(
    hmac(hmac(hmac(`AWS4${req.credentials.secretAccessKey}`, date.slice(0, 8)), req.region), req.service),
    "aws4_request",
  );
  const signature = createHmac("sha256", key).update(stringToSign).digest("hex");
  const authorization =
    `AWS4-HMAC-SHA256 Credential=${req.credentials.accessKeyId}/${scope}, ` +
    `SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { headers: { ...added, authorization }, canonicalRequest, stringToSign, signature };
}
