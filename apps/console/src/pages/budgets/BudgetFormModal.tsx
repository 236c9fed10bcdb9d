import type { PageItem } from "@gatehouse/sdk";
import { Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { nanoToUsdInput, parseUsd } from "../../ui/parse-usd";
import { SCOPE_KIND_LABELS, type ScopeKind, type useScopeNames } from "./use-scope-names";

type Budget = PageItem<"budgets.list">;
type Period = Budget["period"];
type Metric = Budget["metric"];

const PERIODS: { value: Period; label: string }[] = [
  { value: "daily", label: "Daily (resets 00:00 UTC)" },
  { value: "weekly", label: "Weekly (resets Monday 00:00 UTC)" },
  { value: "monthly", label: "Monthly (resets on the 1st, UTC)" },
  { value: "total", label: "Total (never resets)" },
];

/** The cap as typed: dollars for a spend budget, a whole number for a token quota. */
function parseLimit(metric: Metric, text: string): number | undefined {
  if (metric === "cost") return parseUsd(text);
  const t = text.trim().replace(/[,_\s]/g, "");
  return /^\d{1,16}$/.test(t) ? Number(t) : undefined;
}

/**
 * Creates a budget or quota (scope, metric, period, cap) or, given `budget`, changes its cap — the only
 * thing the API lets change. Dollars become nano-USD with integer arithmetic.
 */
export function BudgetFormModal({
  opened,
  onClose,
  budget,
  names,
}: {
  opened: boolean;
  onClose: () => void;
  budget?: Budget;
  names: ReturnType<typeof useScopeNames>;
}) {
  const { client } = useApi();
  const { tenantId } = useScope();
  const queryClient = useQueryClient();
  const [scopeKind, setScopeKind] = useState<ScopeKind>(budget?.scopeKind ?? "tenant");
  const [scopeId, setScopeId] = useState<string | null>(budget?.scopeId ?? null);
  const [metric, setMetric] = useState<Metric>(budget?.metric ?? "cost");
  const [period, setPeriod] = useState<Period>(budget?.period ?? "monthly");
  const [limitText, setLimitText] = useState(
    budget ? (budget.metric === "cost" ? nanoToUsdInput(budget.limit) : String(budget.limit)) : "",
  );
  const [touched, setTouched] = useState(false);
  const limit = parseLimit(metric, limitText);
  const limitError =
    touched && limit === undefined
      ? metric === "cost"
        ? "Enter an amount in dollars, e.g. 25 or 12.50."
        : "Enter a whole number of tokens."
      : undefined;
  const needsScopeId = scopeKind !== "tenant";

  const save = useMutation({
    mutationFn: async () => {
      if (limit === undefined) throw new Error("Enter a cap first.");
      if (budget)
        return client.budgets.update({ params: { tenantId, budgetId: budget.id }, body: { limit } });
      return client.budgets.create({
        params: { tenantId },
        body: {
          scopeKind,
          ...(needsScopeId && scopeId ? { scopeId } : {}),
          metric,
          period,
          limit,
        },
      });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["budgets.list", tenantId] });
      onClose();
    },
  });

  return (
    <Modal opened={opened} onClose={onClose} title={budget ? "Change the cap" : "New budget or quota"}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (limit !== undefined && (!needsScopeId || scopeId)) save.mutate();
        }}
      >
        <Stack>
          {budget ? (
            <Text size="sm" c="dimmed">
              {SCOPE_KIND_LABELS[budget.scopeKind]} {names.nameOf(budget.scopeKind, budget.scopeId)} ·{" "}
              {budget.period} {budget.metric === "cost" ? "spend budget" : "token quota"}. A new cap applies
              to the current period at once.
            </Text>
          ) : (
            <>
              <Select
                label="Applies to"
                data={(Object.keys(SCOPE_KIND_LABELS) as ScopeKind[]).map((k) => ({
                  value: k,
                  label: SCOPE_KIND_LABELS[k],
                }))}
                value={scopeKind}
                onChange={(v) => {
                  setScopeKind((v as ScopeKind | null) ?? "tenant");
                  setScopeId(null);
                }}
                allowDeselect={false}
              />
              {needsScopeId && (
                <Select
                  label={SCOPE_KIND_LABELS[scopeKind]}
                  placeholder={`Choose a ${SCOPE_KIND_LABELS[scopeKind].toLowerCase()}`}
                  data={names.options[scopeKind]}
                  value={scopeId}
                  onChange={setScopeId}
                  searchable
                  required
                  nothingFoundMessage="Nothing found"
                  error={touched && !scopeId ? "Choose what the budget applies to." : undefined}
                />
              )}
              <div>
                <Text size="sm" fw={500} mb={4} id="budget-metric-label">
                  Cap
                </Text>
                <SegmentedControl
                  aria-labelledby="budget-metric-label"
                  value={metric}
                  onChange={(v) => {
                    setMetric(v as Metric);
                    setLimitText("");
                  }}
                  data={[
                    { value: "cost", label: "Spend (USD)" },
                    { value: "tokens", label: "Tokens" },
                  ]}
                />
              </div>
              <Select
                label="Period"
                data={PERIODS}
                value={period}
                onChange={(v) => setPeriod((v as Period | null) ?? "monthly")}
                allowDeselect={false}
              />
            </>
          )}
          <TextInput
            label={metric === "cost" ? "Limit in USD" : "Limit in tokens"}
            description={
              metric === "cost"
                ? "Input and output tokens priced at the model's rates"
                : "Input plus output tokens"
            }
            leftSection={metric === "cost" ? "$" : undefined}
            placeholder={metric === "cost" ? "25.00" : "2000000"}
            inputMode="decimal"
            value={limitText}
            onChange={(e) => setLimitText(e.currentTarget.value)}
            onBlur={() => setTouched(true)}
            error={limitError}
            required
            data-autofocus
          />
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {budget ? "Save cap" : "Create budget"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
