import { Alert, Divider, Stack } from "@mantine/core";
import { IconCircleCheck, IconInfoCircle } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useSearchParams } from "react-router";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { PageHeader } from "../../ui/PageHeader";
import { PageLoader } from "../../ui/PageLoader";
import { BalanceSection } from "./BalanceSection";
import { LedgerSection } from "./LedgerSection";
import { PlansSection } from "./PlansSection";
import { RedemptionCodesSection } from "./RedemptionCodesSection";
import { StatementsSection } from "./StatementsSection";
import { useIsOperator } from "./use-is-operator";

/**
 * Billing: the plan, prepaid setting and credit balance, top-up through Stripe Checkout (and the state
 * it returns with, `?checkout=success|cancel`), redeeming a code, the ledger, plans, monthly statements;
 * the operator also manages plans and redemption codes.
 */
export function BillingPage() {
  const { client } = useApi();
  const { tenantId } = useScope();
  const queryClient = useQueryClient();
  const isOperator = useIsOperator();
  const [params, setParams] = useSearchParams();
  const returned = params.get("checkout");
  const billing = useQuery({
    queryKey: ["billing.get", tenantId],
    queryFn: () => client.billing.get({ params: { tenantId } }),
    // Back from Checkout, the credit arrives with Stripe's webhook: poll briefly until it does.
    refetchInterval: returned === "success" ? 3_000 : false,
  });
  useEffect(() => {
    if (returned === "success")
      void queryClient.invalidateQueries({ queryKey: ["billing.listLedger", tenantId] });
  }, [returned, queryClient, tenantId]);
  const dismiss = () =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete("checkout");
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader title="Billing" description="Credit, plans, and monthly statements of this organization." />
      {returned === "success" && (
        <Alert
          color="teal"
          icon={<IconCircleCheck size={18} />}
          title="Payment received"
          withCloseButton
          onClose={dismiss}
          mb="md"
        >
          Thank you. The credit is added as soon as Stripe confirms the payment — usually within seconds.
        </Alert>
      )}
      {returned === "cancel" && (
        <Alert
          color="yellow"
          icon={<IconInfoCircle size={18} />}
          title="Checkout cancelled"
          withCloseButton
          onClose={dismiss}
          mb="md"
        >
          Nothing was charged. You can start a top-up again whenever you like.
        </Alert>
      )}
      <ErrorAlert error={billing.error} mb="md" />
      {billing.isPending ? (
        <PageLoader label="Loading billing" />
      ) : (
        billing.data && <BalanceSection billing={billing.data} />
      )}
      <Stack gap="xl">
        <LedgerSection />
        <Divider />
        <StatementsSection />
        <Divider />
        <PlansSection currentPlanId={billing.data?.plan?.id ?? null} isOperator={isOperator} />
        {isOperator && (
          <>
            <Divider />
            <RedemptionCodesSection />
          </>
        )}
      </Stack>
    </>
  );
}
