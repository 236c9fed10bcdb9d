import type { PageItem } from "@gatehouse/sdk";
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { SCOPE_KIND_LABELS, type ScopeKind, type useScopeNames } from "./use-scope-names";

type RateLimit = PageItem<"rateLimits.list">;
type Amount = number | null;

/** A limit's value from a number field: empty (or not a whole positive number) is "not limited". */
function amountOf(v: string | number): Amount {
  const n = typeof v === "number" ? v : Number(v);
  return v === "" || !Number.isSafeInteger(n) || n < 1 ? null : n;
}

/** Creates a rate limit (scope, model pattern, rpm/tpm/concurrency) or changes one's pattern and values. */
export function RateLimitFormModal({
  onClose,
  limit,
  names,
}: {
  onClose: () => void;
  limit?: RateLimit;
  names: ReturnType<typeof useScopeNames>;
}) {
  const { client } = useApi();
  const { tenantId } = useScope();
  const queryClient = useQueryClient();
  const [scopeKind, setScopeKind] = useState<ScopeKind>(limit?.scopeKind ?? "tenant");
  const [scopeId, setScopeId] = useState<string | null>(limit?.scopeId ?? tenantId);
  const [model, setModel] = useState(limit?.model ?? "");
  const [rpm, setRpm] = useState<string | number>(limit?.rpm ?? "");
  const [tpm, setTpm] = useState<string | number>(limit?.tpm ?? "");
  const [concurrency, setConcurrency] = useState<string | number>(limit?.concurrency ?? "");
  const [touched, setTouched] = useState(false);
  const values = {
    model: model.trim() === "" ? null : model.trim(),
    rpm: amountOf(rpm),
    tpm: amountOf(tpm),
    concurrency: amountOf(concurrency),
  };
  const nothingSet = values.rpm === null && values.tpm === null && values.concurrency === null;

  const save = useMutation({
    mutationFn: async () => {
      if (limit) return client.rateLimits.update({ params: { tenantId, limitId: limit.id }, body: values });
      return client.rateLimits.create({
        params: { tenantId },
        body: { scopeKind, scopeId: scopeId ?? tenantId, ...values },
      });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["rateLimits.list", tenantId] });
      onClose();
    },
  });

  return (
    <Modal opened onClose={onClose} title={limit ? "Change the rate limit" : "New rate limit"} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!nothingSet && scopeId) save.mutate();
        }}
      >
        <Stack>
          {limit ? (
            <Text size="sm" c="dimmed">
              {SCOPE_KIND_LABELS[limit.scopeKind]} {names.nameOf(limit.scopeKind, limit.scopeId)}
            </Text>
          ) : (
            <SimpleGrid cols={2}>
              <Select
                label="Applies to"
                data={(Object.keys(SCOPE_KIND_LABELS) as ScopeKind[]).map((k) => ({
                  value: k,
                  label: SCOPE_KIND_LABELS[k],
                }))}
                value={scopeKind}
                onChange={(v) => {
                  const kind = (v as ScopeKind | null) ?? "tenant";
                  setScopeKind(kind);
                  setScopeId(kind === "tenant" ? tenantId : null);
                }}
                allowDeselect={false}
              />
              {scopeKind !== "tenant" && (
                <Select
                  label={SCOPE_KIND_LABELS[scopeKind]}
                  placeholder="Choose"
                  data={names.options[scopeKind]}
                  value={scopeId}
                  onChange={setScopeId}
                  searchable
                  required
                  error={touched && !scopeId ? "Choose what the limit applies to." : undefined}
                />
              )}
            </SimpleGrid>
          )}
          <TextInput
            label="Models"
            description="A model name or pattern (* matches anything, e.g. openai/* or *-mini); empty for every model"
            placeholder="every model"
            value={model}
            onChange={(e) => setModel(e.currentTarget.value)}
          />
          <SimpleGrid cols={3}>
            <NumberInput
              label="Requests per minute"
              placeholder="no limit"
              min={1}
              allowDecimal={false}
              value={rpm}
              onChange={setRpm}
              thousandSeparator=","
            />
            <NumberInput
              label="Tokens per minute"
              placeholder="no limit"
              min={1}
              allowDecimal={false}
              value={tpm}
              onChange={setTpm}
              thousandSeparator=","
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
          {touched && nothingSet && (
            <Text size="sm" c="red">
              Set at least one of requests per minute, tokens per minute or concurrent requests.
            </Text>
          )}
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {limit ? "Save limit" : "Create limit"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
