import { Button, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { nanoToUsdInput, parseUsd } from "../../ui/parse-usd";
import { PriceInput } from "./PriceInput";

/**
 * The tenant's own price for a model name (its price book entry, `pricing.putEntry`): it wins over the
 * model's prices and the catalog. Removing it (`pricing.deleteEntry`) lets them apply again. Only for
 * who holds billing:manage.
 */
export function PriceBookForm({
  modelName,
  entry,
}: {
  modelName: string;
  entry: { input: number; output: number } | null;
}) {
  const { client } = useApi();
  const { tenantId } = useScope();
  const queryClient = useQueryClient();
  const [input, setInput] = useState(entry ? nanoToUsdInput(entry.input) : "");
  const [output, setOutput] = useState(entry ? nanoToUsdInput(entry.output) : "");
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: ["pricing.getEntry", tenantId, modelName] });
  const put = useMutation({
    mutationFn: () =>
      client.pricing.putEntry({
        params: { tenantId },
        body: { model: modelName, prices: { input: parseUsd(input)!, output: parseUsd(output)! } },
      }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () => client.pricing.deleteEntry({ params: { tenantId }, query: { model: modelName } }),
    onSuccess: refresh,
  });
  const valid = parseUsd(input) !== undefined && parseUsd(output) !== undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) put.mutate();
  };
  const error = put.error ?? remove.error;
  return (
    <form onSubmit={submit}>
      <Stack gap="xs" mt="md">
        <Text size="sm" fw={600}>
          Tenant price (price book)
        </Text>
        <Text size="xs" c="dimmed">
          Wins over the model's prices and the catalog, from the next request on. Before markup.
        </Text>
        <ErrorAlert error={error} />
        <SimpleGrid cols={2}>
          <PriceInput label="Book input" value={input} onChange={setInput} size="xs" />
          <PriceInput label="Book output" value={output} onChange={setOutput} size="xs" />
        </SimpleGrid>
        <Group justify="flex-end" gap="xs">
          {entry && (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              loading={remove.isPending}
              onClick={() => remove.mutate()}
            >
              Remove tenant price
            </Button>
          )}
          <Button size="xs" type="submit" loading={put.isPending} disabled={!valid}>
            {entry ? "Update tenant price" : "Set tenant price"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
