import { GatewayError } from "@gatehouse/protocol";
import type { UpstreamTarget } from "../upstream-target.js";

/**
 * The Bedrock Runtime endpoint of a region.
 * @see https://docs.aws.amazon.com/general/latest/gr/bedrock.html#br-rt
 *
 * @example
 * bedrockBaseUrl("eu-west-1"); // "https://bedrock-runtime.eu-west-1.amazonaws.com"
 */
export function bedrockBaseUrl(region: string): string {
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
    throw new GatewayError("invalid_request", `'${region}' is not an AWS region (e.g. us-east-1).`);
  }
  return `https://bedrock-runtime.${region}.amazonaws.com`;
}

/**
 * The region a Bedrock target signs for: `config.region`, else the one in its endpoint's host name
 * (`bedrock-runtime[-fips].{region}.amazonaws.com`).
 */
export function bedrockRegion(target: UpstreamTarget): string {
  const configured = target.config.region;
  if (typeof configured === "string" && configured !== "") return configured;
  const host = new URL(target.origin).hostname;
  const match = /(?:^|\.)bedrock-runtime(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com$/.exec(host);
  if (match) return match[1]!;
  throw new GatewayError(
    "upstream_error",
    `Provider '${target.name}' needs a region (config.region) to sign its requests.`,
    { provider: target.name },
  );
}
