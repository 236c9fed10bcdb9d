import type { PageItem } from "@gatehouse/sdk";
import { formatCount, formatUsd } from "../../ui/format";

/** A budget as the API answers it, with the current period's spend. */
export type BudgetView = PageItem<"budgets.list">;

/** A budget seen from the chat: how much of it is used and what is left, in words. */
export interface Quota {
  id: string;
  /** Used (settled + reserved) over the cap; 1 or more when exhausted; 1 for a zero cap. */
  fraction: number;
  label: string;
  used: string;
  left: string;
  level: "teal" | "yellow" | "orange" | "red";
}

const SCOPE: Record<BudgetView["scopeKind"], string> = {
  tenant: "Organization",
  workspace: "Workspace",
  user: "Your",
  key: "Your key's",
};
const PERIOD: Record<BudgetView["period"], string> = {
  daily: "daily",
  weekly: "weekly",
  monthly: "monthly",
  total: "total",
};

/** A budget's use: cost in dollars, tokens as counts; the colour follows the webhook's thresholds. */
export function quotaOf(b: BudgetView): Quota {
  const usedRaw = b.current.spent + b.current.reserved;
  const fraction = b.limit <= 0 ? 1 : usedRaw / b.limit;
  const amount = (n: number) => (b.metric === "cost" ? formatUsd(n) : `${formatCount(n)} tokens`);
  return {
    id: b.id,
    fraction,
    label: `${SCOPE[b.scopeKind]} ${PERIOD[b.period]} ${b.metric === "cost" ? "budget" : "token quota"}`,
    used: `${amount(usedRaw)} of ${amount(b.limit)}`,
    left: `${amount(Math.max(0, b.limit - usedRaw))} left`,
    level: fraction >= 1 ? "red" : fraction >= 0.8 ? "orange" : fraction >= 0.5 ? "yellow" : "teal",
  };
}

/** The budgets as quotas, the nearest to its cap first (the one that refuses an answer first). */
export function quotasOf(budgets: readonly BudgetView[]): Quota[] {
  return budgets.map(quotaOf).sort((a, b) => b.fraction - a.fraction || a.id.localeCompare(b.id));
}
