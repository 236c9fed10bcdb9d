import { GatewayError } from "@gatehouse/protocol";
import { SSRF_BLOCKED_CODE } from "../security/ssrf-blocked-error.js";

const TIMEOUT_CODES = new Set([
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "ETIMEDOUT",
]);

/**
 * Maps a failure to reach or read an upstream to the catalogue: timeouts → upstream_timeout (504),
 * everything else → upstream_unreachable (502). The message names the provider, never its URL or key.
 * A provider whose address the SSRF guard refused (GATEHOUSE_BLOCK_PRIVATE_UPSTREAMS=1) is unreachable
 * too: the operator's configuration, not the client's request, is at fault. (Client image URLs the
 * guard refuses are the client's 400, mapped in media/fetch-image.ts.)
 */
export function classifyNetworkError(err: unknown, provider: string): GatewayError {
  if (err instanceof GatewayError) return err;
  const code = networkCode(err);
  if (code === SSRF_BLOCKED_CODE) {
    return new GatewayError(
      "upstream_unreachable",
      `Upstream provider '${provider}' is at a private or reserved address, which GATEHOUSE_BLOCK_PRIVATE_UPSTREAMS forbids (${code}).`,
      { provider },
      { cause: err },
    );
  }
  if (TIMEOUT_CODES.has(code)) {
    const what = code === "UND_ERR_BODY_TIMEOUT" ? "stopped sending" : "did not answer in time";
    return new GatewayError(
      "upstream_timeout",
      `Upstream provider '${provider}' ${what} (${code}).`,
      { provider },
      { cause: err },
    );
  }
  return new GatewayError(
    "upstream_unreachable",
    `Upstream provider '${provider}' could not be reached (${code}).`,
    { provider },
    { cause: err },
  );
}

function networkCode(err: unknown): string {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === "object"; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code !== "") return code;
    const nested =
      (e as { cause?: unknown; errors?: unknown[] }).errors?.[0] ?? (e as { cause?: unknown }).cause;
    e = nested;
  }
  return "connection failed";
}
