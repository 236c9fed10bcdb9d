import type { GatehouseClient } from "@gatehouse/sdk";
import type { KeySettings } from "./KeySettingsFields";

/** A per-minute amount as typed: null when empty, "invalid" unless a whole number from 1 to 10^12. */
export function amountOf(text: string): number | null | "invalid" {
  const t = text.trim().replaceAll(",", "");
  if (t === "") return null;
  if (!/^\d{1,13}$/.test(t)) return "invalid";
  const n = Number(t);
  return n >= 1 && n <= 1e12 ? n : "invalid";
}

/** Error messages for the rate-limit fields (undefined where the value is fine). */
export function limitErrorsOf(settings: KeySettings) {
  const msg = "A whole number of at least 1, or empty.";
  return {
    rpm: amountOf(settings.rpm) === "invalid" ? msg : undefined,
    tpm: amountOf(settings.tpm) === "invalid" ? msg : undefined,
  };
}

/**
 * Puts the key's rate limit (every model) in line with the form: creates it, changes the existing one
 * (`existingId`), or removes it when both fields were emptied.
 */
export async function saveKeyLimit(
  client: GatehouseClient,
  tenantId: string,
  keyId: string,
  settings: KeySettings,
  existingId?: string,
): Promise<void> {
  const rpm = amountOf(settings.rpm);
  const tpm = amountOf(settings.tpm);
  if (rpm === "invalid" || tpm === "invalid") return;
  if (existingId === undefined) {
    if (rpm === null && tpm === null) return;
    await client.rateLimits.create({
      params: { tenantId },
      body: { scopeKind: "key", scopeId: keyId, model: null, rpm, tpm },
    });
  } else if (rpm === null && tpm === null) {
    await client.rateLimits.delete({ params: { tenantId, limitId: existingId } });
  } else {
    await client.rateLimits.update({ params: { tenantId, limitId: existingId }, body: { rpm, tpm } });
  }
}
