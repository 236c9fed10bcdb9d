import type { IrCacheControl } from "../ir/content.js";
import { optionalString, requireEnum, requireRecord } from "./wire-validation.js";

/**
 * A `cache_control` field → IR cache hint (absent or null → undefined).
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
 */
export function decodeAnthropicCacheControl(value: unknown, param: string): IrCacheControl | undefined {
  if (value === undefined || value === null) return undefined;
  const obj = requireRecord(value, param);
  requireEnum(obj["type"], `${param}.type`, ["ephemeral"] as const);
  const ttl = optionalString(obj["ttl"], `${param}.ttl`);
  return ttl === undefined ? { type: "ephemeral" } : { type: "ephemeral", ttl };
}
