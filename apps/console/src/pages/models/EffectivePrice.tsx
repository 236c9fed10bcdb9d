import type { OperationOutput } from "@gatehouse/sdk";
import { GatehouseApiError } from "@gatehouse/sdk";
import { Badge, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatUsd } from "../../ui/format";
import { PriceBookForm } from "./PriceBookForm";

type Model = OperationOutput<"models.get">;

/** `rate` with the tenant's markup (basis points) added, in whole nano-USD. */
export function withMarkup(rate: number, markupBps: number): number {
  return Math.round((rate * (10_000 + markupBps)) / 10_000);
}

/**
 * What a request for this model costs per million tokens, and why (docs/pricing.md, "Where a request's
 * price comes from"): the tenant's price book entry, else the model's own prices when either is set,
 * else the shipped catalog's price for the first deployment's upstream model; the markup on top.
 */
export function EffectivePrice({ model }: { model: Model }) {
  const { client } = useApi();
  const { tenantId, can } = useScope();
  const book = useQuery({
    queryKey: ["pricing.getEntry", tenantId, model.name],
    queryFn: () =>
      client.pricing
        .getEntry({ params: { tenantId }, query: { model: model.name } })
        .catch((e: unknown) =>
          e instanceof GatehouseApiError && e.status === 404 ? null : Promise.reject(e),
        ),
  });
  const settings = useQuery({
    queryKey: ["pricing.getSettings", tenantId],
    queryFn: () => client.pricing.getSettings({ params: { tenantId } }),
  });
  const ownPrices = model.inputPricePerMTok > 0 || model.outputPricePerMTok > 0;
  const upstream = model.deployments[0]?.upstreamModel;
  const needCatalog = book.data === null && !ownPrices && upstream !== undefined && upstream !== "*";
  const catalog = useQuery({
    queryKey: ["pricing.catalog", tenantId, { model: upstream }],
    queryFn: () =>
      client.pricing.catalog({ params: { tenantId }, query: { model: upstream!, limit: 20, order: "desc" } }),
    enabled: needCatalog,
  });
  const error = book.error ?? settings.error ?? catalog.error;
  const loading = book.isPending || settings.isPending || (needCatalog && catalog.isPending);
  const catalogHit = catalog.data?.items.find((c) => c.models.includes(upstream ?? ""));
  const source = book.data
    ? { label: "Tenant price book", input: book.data.prices.input, output: book.data.prices.output }
    : ownPrices
      ? { label: "The model's prices", input: model.inputPricePerMTok, output: model.outputPricePerMTok }
      : catalogHit
        ? {
            label: `Catalog ${catalogHit.version}`,
            input: catalogHit.prices.input,
            output: catalogHit.prices.output,
          }
        : undefined;
  const markup = settings.data?.markupBps ?? 0;
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Effective price
        </Title>
        {source && (
          <Badge variant="light" color="gray">
            from: {source.label}
          </Badge>
        )}
      </Group>
      <ErrorAlert error={error} mb="sm" />
      {loading ? (
        <Loader size="sm" aria-label="Loading prices" />
      ) : source === undefined ? (
        <Text c="orange" size="sm">
          Unpriced: no price book entry, no price on the model, and the catalog does not know the upstream
          model.
          {settings.data?.unpricedModels === "refuse"
            ? " Requests for it are refused (403 model_not_priced)."
            : " Requests are served and recorded at cost 0."}
        </Text>
      ) : (
        <Stack gap={4}>
          <SimpleGrid cols={2}>
            <Figure label="Input / M tokens" value={withMarkup(source.input, markup)} />
            <Figure label="Output / M tokens" value={withMarkup(source.output, markup)} />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {markup > 0 ? `Includes the tenant's markup of ${markup / 100} %.` : "No markup."} Prices per
            million tokens.
          </Text>
        </Stack>
      )}
      {can("billing:manage") && book.data !== undefined && (
        <PriceBookForm
          key={book.data?.updatedAt ?? "none"}
          modelName={model.name}
          entry={book.data ? { input: book.data.prices.input, output: book.data.prices.output } : null}
        />
      )}
    </Card>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={600} data-testid={`effective-${label.split(" ")[0]!.toLowerCase()}`}>
        {formatUsd(value)}
      </Text>
    </div>
  );
}
