import type { PageItem } from "@gatehouse/sdk";
import { Button, Group, Modal, NumberInput, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { nanoToUsdInput, parseUsd } from "../../ui/parse-usd";

type Plan = PageItem<"billing.listPlans">;

const numberOrNull = (v: string | number): number | null => (v === "" || Number(v) <= 0 ? null : Number(v));

/** The operator creates a plan or changes one: name, allowed models, default limits, what is included. */
export function PlanFormModal({ plan, onClose }: { plan?: Plan; onClose: () => void }) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const [name, setName] = useState(plan?.name ?? "");
  const [models, setModels] = useState((plan?.models ?? ["*"]).join(", "));
  const [rpm, setRpm] = useState<string | number>(plan?.rpm ?? "");
  const [tpm, setTpm] = useState<string | number>(plan?.tpm ?? "");
  const [concurrency, setConcurrency] = useState<string | number>(plan?.concurrency ?? "");
  const [included, setIncluded] = useState(plan?.includedNano ? nanoToUsdInput(plan.includedNano) : "");
  const [includedTokens, setIncludedTokens] = useState<string | number>(plan?.includedTokens ?? "");
  const [price, setPrice] = useState(plan?.stripePriceId ?? "");
  const includedNano = included.trim() === "" ? null : parseUsd(included);

  const save = useMutation({
    mutationFn: async () => {
      const body = {
        name: name.trim(),
        models: models
          .split(/[,\s]+/)
          .map((m) => m.trim())
          .filter(Boolean),
        rpm: numberOrNull(rpm),
        tpm: numberOrNull(tpm),
        concurrency: numberOrNull(concurrency),
        includedNano: includedNano ?? null,
        includedTokens: numberOrNull(includedTokens),
        stripePriceId: price.trim() || null,
      };
      if (plan) return client.billing.updatePlan({ params: { planId: plan.id }, body });
      return client.billing.createPlan({ body });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["billing.listPlans"] });
      onClose();
    },
  });

  return (
    <Modal opened onClose={onClose} title={plan ? `Edit plan ${plan.name}` : "New plan"} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() && includedNano !== undefined) save.mutate();
        }}
      >
        <Stack>
          <TextInput
            label="Name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            data-autofocus
          />
          <TextInput
            label="Models"
            description="Model patterns a tenant on this plan may use, separated by commas (* for every model)"
            value={models}
            onChange={(e) => setModels(e.currentTarget.value)}
          />
          <SimpleGrid cols={3}>
            <NumberInput
              label="Requests per minute"
              placeholder="no limit"
              min={1}
              allowDecimal={false}
              value={rpm}
              onChange={setRpm}
            />
            <NumberInput
              label="Tokens per minute"
              placeholder="no limit"
              min={1}
              allowDecimal={false}
              value={tpm}
              onChange={setTpm}
            />
            <NumberInput
              label="Concurrent requests"
              placeholder="no limit"
              min={1}
              allowDecimal={false}
              value={concurrency}
              onChange={setConcurrency}
            />
          </SimpleGrid>
          <SimpleGrid cols={2}>
            <TextInput
              label="Included credit per month (USD)"
              leftSection="$"
              placeholder="none"
              value={included}
              onChange={(e) => setIncluded(e.currentTarget.value)}
              error={includedNano === undefined ? "Enter an amount in dollars." : undefined}
            />
            <NumberInput
              label="Included tokens per month"
              placeholder="none"
              min={1}
              allowDecimal={false}
              value={includedTokens}
              onChange={setIncludedTokens}
            />
          </SimpleGrid>
          <TextInput
            label="Stripe price id"
            description="The recurring price tenants subscribe to through Checkout (price_…); empty for a plan set by hand"
            value={price}
            onChange={(e) => setPrice(e.currentTarget.value)}
          />
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {plan ? "Save plan" : "Create plan"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
