import { Tabs } from "@mantine/core";
import { IconBell, IconGauge, IconPigMoney } from "@tabler/icons-react";
import { useScope } from "../../scope/scope-context";
import { EmptyState } from "../../ui/EmptyState";
import { PageHeader } from "../../ui/PageHeader";
import { useUrlState } from "../../ui/use-url-state";
import { BudgetsSection } from "./BudgetsSection";
import { BudgetWebhookSection } from "./BudgetWebhookSection";
import { RateLimitsSection } from "./RateLimitsSection";

type Tab = "budgets" | "limits" | "webhook";

/**
 * Budgets and limits: spend budgets and token quotas with this period's use against each cap, rate
 * limits with their current use, and the threshold webhook. The tab is in the URL (`?tab=limits`).
 */
export function BudgetsPage() {
  const { can } = useScope();
  const [state, setState] = useUrlState(["tab", "scopeKind", "order"]);
  // Budgets need billing:read, rate limits keys:read across the tenant: a viewer sees only the limits,
  // the billing role only the budgets.
  const canSeeBudgets = can("billing:read");
  const canSeeLimits = can("keys:read");
  const tabs: Tab[] = [
    ...(canSeeBudgets ? (["budgets"] as const) : []),
    ...(canSeeLimits ? (["limits"] as const) : []),
    ...(canSeeBudgets ? (["webhook"] as const) : []),
  ];
  const tab: Tab | undefined = tabs.includes(state.tab as Tab) ? (state.tab as Tab) : tabs[0];
  return (
    <>
      <PageHeader
        title="Budgets and limits"
        description="Caps on spend and tokens per period, and per-minute rate limits — each with its current use."
      />
      {tab === undefined ? (
        <EmptyState title="Nothing to show here">
          Budgets need the billing:read permission and rate limits keys:read across the organization; ask an
          admin of this organization if you need to see them.
        </EmptyState>
      ) : (
        <Tabs
          value={tab}
          // A new tab starts with its own filters and first page.
          onChange={(v) =>
            setState({
              tab: v === tabs[0] ? undefined : (v ?? undefined),
              scopeKind: undefined,
              order: undefined,
            })
          }
          keepMounted={false}
        >
          <Tabs.List mb="md">
            {canSeeBudgets && (
              <Tabs.Tab value="budgets" leftSection={<IconPigMoney size={16} />}>
                Budgets and quotas
              </Tabs.Tab>
            )}
            {canSeeLimits && (
              <Tabs.Tab value="limits" leftSection={<IconGauge size={16} />}>
                Rate limits
              </Tabs.Tab>
            )}
            {canSeeBudgets && (
              <Tabs.Tab value="webhook" leftSection={<IconBell size={16} />}>
                Threshold webhook
              </Tabs.Tab>
            )}
          </Tabs.List>
          {canSeeBudgets && (
            <Tabs.Panel value="budgets">
              <BudgetsSection />
            </Tabs.Panel>
          )}
          {canSeeLimits && (
            <Tabs.Panel value="limits">
              <RateLimitsSection />
            </Tabs.Panel>
          )}
          {canSeeBudgets && (
            <Tabs.Panel value="webhook">
              <BudgetWebhookSection />
            </Tabs.Panel>
          )}
        </Tabs>
      )}
    </>
  );
}
