import { GatewayError } from "@gatehouse/protocol";
import type { ProviderKind } from "../domain/provider.js";
import { adapterFor } from "./adapter-for.js";

/**
 * The base URL a new provider is stored with: the operator's, else the one its kind derives from its
 * settings (Bedrock's region, Vertex AI's location: the adapter's `defaultBaseUrl`); checked to be an
 * http(s) URL without credentials in it, trailing slashes removed. Every refusal is a 400 naming what
 * to give.
 *
 * @example
 * resolveBaseUrl("bedrock", undefined, { region: "eu-west-1" }); // "https://bedrock-runtime.eu-west-1.amazonaws.com"
 * resolveBaseUrl("openai", "https://api.openai.com/v1/", {}); // "https://api.openai.com/v1"
 */
export function resolveBaseUrl(
  kind: ProviderKind,
  baseUrl: string | undefined,
  config: Record<string, unknown>,
): string {
  const url = baseUrl ?? derived(kind, config);
  checkBaseUrl(url);
  return url.replace(/\/+$/, "");
}

function derived(kind: ProviderKind, config: Record<string, unknown>): string {
  const rule = adapterFor(kind).defaultBaseUrl;
  const url = rule?.resolve(config);
  if (url !== undefined) return url;
  const hint = rule === undefined ? "" : ` or ${rule.setting}`;
  throw new GatewayError("invalid_request", `A '${kind}' provider needs a base URL${hint}.`);
}

function checkBaseUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new GatewayError("invalid_request", `The base URL '${url}' is not a URL.`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new GatewayError("invalid_request", "A provider base URL must use http or https.");
  }
  if (u.username || u.password) {
    throw new GatewayError("invalid_request", "Put credentials in --api-key, not in the base URL.");
  }
}
