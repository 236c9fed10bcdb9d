import type { GatehouseClient } from "@gatehouse/sdk";
import { parseUsd } from "../../ui/parse-usd";
import type { KeySettings } from "./KeySettingsFields";

/** The cap typed in the form as nano-USD: undefined when left empty, "invalid" when not an amount. */
export function capOf(settings: KeySettings): number | undefined | "invalid" {
  if (settings.capUsd.trim() === "") return undefined;
  return parseUsd(settings.capUsd) ?? "invalid";
}

/** Sets the key's own spend cap (budgets.setKeyCap) when the form has one. */
export async function saveKeyCap(
  client: GatehouseClient,
  tenantId: string,
  keyId: string,
  settings: KeySettings,
): Promise<void> {
  const limit = capOf(settings);
  if (limit === undefined || limit === "invalid") return;
  await client.budgets.setKeyCap({
    params: { tenantId, keyId },
    body: { metric: "cost", period: settings.capPeriod, limit },
  });
}
