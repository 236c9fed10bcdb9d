import type { OperationOutput } from "@gatehouse/sdk";
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconCreditCard, IconTicket } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatUsd } from "../../ui/format";
import { parseUsd } from "../../ui/parse-usd";

type Billing = OperationOutput<"billing.get">;

/** Checkout charges whole cents, from 0.50 to 10,000 USD (docs/billing.md). */
const NANO_PER_CENT = 10_000_000;
const MIN_TOP_UP = 50 * NANO_PER_CENT;
const MAX_TOP_UP = 10_000 * 1_000_000_000;

/** Why a typed top-up amount cannot be sent, or undefined when it can. */
export function topUpProblem(nano: number | undefined): string | undefined {
  if (nano === undefined) return "Enter an amount in dollars, e.g. 20 or 12.50.";
  if (nano % NANO_PER_CENT !== 0) return "Whole cents only.";
  if (nano < MIN_TOP_UP || nano > MAX_TOP_UP) return "Between $0.50 and $10,000.";
  return undefined;
}

/** The plan, prepaid setting and credit balance; a top-up through Stripe Checkout; redeeming a code. */
export function BalanceSection({ billing }: { billing: Billing }) {
  const { client } = useApi();
  const { tenantId, can } = useScope();
  const queryClient = useQueryClient();
  const canManage = can("billing:manage");
  const [amount, setAmount] = useState("20");
  const [amountTouched, setAmountTouched] = useState(false);
  const [code, setCode] = useState("");
  const [redeemed, setRedeemed] = useState<number | undefined>();
  const amountNano = parseUsd(amount);
  const amountError = amountTouched ? topUpProblem(amountNano) : undefined;

  const checkout = useMutation({
    mutationFn: (nano: number) =>
      client.billing.createCheckout({ params: { tenantId }, body: { kind: "top_up", amountNano: nano } }),
    // Off to Stripe: the page returns with ?checkout=success or ?checkout=cancel.
    onSuccess: (answer) => window.location.assign(answer.url),
  });
  const redeem = useMutation({
    mutationFn: () => {
      setRedeemed(undefined);
      return client.billing.redeem({ params: { tenantId }, body: { code: code.trim() } });
    },
    onSuccess: async (entry) => {
      setCode("");
      setRedeemed(entry.amountNano);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["billing.get", tenantId] }),
        queryClient.invalidateQueries({ queryKey: ["billing.listLedger", tenantId] }),
      ]);
    },
  });
  const b = billing.balance;

  return (
    <SimpleGrid cols={{ base: 1, md: 3 }} mb="lg">
      <Card withBorder>
        <Text size="sm" c="dimmed">
          Credit balance
        </Text>
        <Title order={2} data-testid="credit-balance">
          {formatUsd(b.availableNano)}
        </Title>
        <Text size="xs" c="dimmed" mt={4}>
          Ledger {formatUsd(b.ledgerNano)} · unsettled spend {formatUsd(b.unflushedNano)} · held by requests
          in flight {formatUsd(b.reservedNano)}
        </Text>
        <Group gap="xs" mt="sm">
          <Badge variant="light" color={billing.prepaid ? "blue" : "gray"}>
            {billing.prepaid ? "Prepaid: requests need credit" : "Not prepaid"}
          </Badge>
          <Badge variant="light" color="grape" data-testid="current-plan">
            {billing.plan ? `Plan: ${billing.plan.name}` : "No plan"}
          </Badge>
        </Group>
      </Card>
      {canManage ? (
        <>
          <Card withBorder>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                setAmountTouched(true);
                if (amountNano !== undefined && topUpProblem(amountNano) === undefined)
                  checkout.mutate(amountNano);
              }}
            >
              <Stack gap="xs">
                <Text fw={500}>Add credit</Text>
                <TextInput
                  label="Amount in USD"
                  leftSection="$"
                  inputMode="decimal"
                  value={amount}
                  onChange={(e) => setAmount(e.currentTarget.value)}
                  onBlur={() => setAmountTouched(true)}
                  error={amountError}
                />
                <Button type="submit" leftSection={<IconCreditCard size={16} />} loading={checkout.isPending}>
                  Top up with Stripe
                </Button>
                <ErrorAlert error={checkout.error} title="Checkout did not start" />
              </Stack>
            </form>
          </Card>
          <Card withBorder>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (code.trim()) redeem.mutate();
              }}
            >
              <Stack gap="xs">
                <Text fw={500}>Redeem a code</Text>
                <TextInput
                  label="Redemption code"
                  placeholder="GH-XXXX-XXXX"
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value)}
                  autoComplete="off"
                />
                <Button
                  type="submit"
                  variant="light"
                  leftSection={<IconTicket size={16} />}
                  loading={redeem.isPending}
                  disabled={code.trim() === ""}
                >
                  Redeem
                </Button>
                {redeemed !== undefined && (
                  <Text size="sm" c="teal" role="status">
                    Redeemed: {formatUsd(redeemed)} added to the balance.
                  </Text>
                )}
                <ErrorAlert error={redeem.error} title="Could not redeem" />
              </Stack>
            </form>
          </Card>
        </>
      ) : (
        <Card withBorder style={{ gridColumn: "span 2" }}>
          <Text size="sm" c="dimmed">
            Adding credit and redeeming codes need billing rights (the owner, an admin or the billing role).
          </Text>
        </Card>
      )}
    </SimpleGrid>
  );
}
