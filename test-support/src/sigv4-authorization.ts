/** The parts of a SigV4 `Authorization` header. */
export interface SigV4Authorization {
  accessKeyId: string;
  /** YYYYMMDD of the credential scope. */
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  /** 64 lowercase hex characters. */
  signature: string;
}

const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=([A-Z0-9]{16,128})\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/**
 * Parses the shape of a SigV4 `Authorization` header (not the signature's validity: fakes do not
 * re-sign); undefined when it is not one.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-auth-methods.html
 *
 * @example
 * parseSigV4Authorization(
 *   "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/bedrock/aws4_request, " +
 *   "SignedHeaders=host;x-amz-date, Signature=" + "a".repeat(64),
 * )?.service; // "bedrock"
 */
export function parseSigV4Authorization(value: string | undefined): SigV4Authorization | undefined {
  const m = value === undefined ? null : SIGV4.exec(value.trim());
  if (m === null) return undefined;
  return {
    accessKeyId: m[1]!,
    date: m[2]!,
    region: m[3]!,
    service: m[4]!,
    signedHeaders: m[5]!.split(";"),
    signature: m[6]!,
  };
}

/**
 * Whether request headers carry a well-formed SigV4 signature: an `Authorization` header of SigV4 shape
 * that signs `host` and `x-amz-date`, and an `x-amz-date` header (YYYYMMDD'T'HHMMSS'Z') on the
 * credential's date.
 *
 * @example
 * hasSigV4Shape(fake.requests[0].headers); // true when the gateway signed the call
 */
export function hasSigV4Shape(headers: Record<string, string>): boolean {
  const auth = parseSigV4Authorization(headers["authorization"]);
  const amzDate = headers["x-amz-date"];
  if (auth === undefined || amzDate === undefined || !/^\d{8}T\d{6}Z$/.test(amzDate)) return false;
  return (
    amzDate.startsWith(auth.date) &&
    auth.signedHeaders.includes("host") &&
    auth.signedHeaders.includes("x-amz-date")
  );
}
