import type { OperationOutput } from "@gatehouse/sdk";
import {
  ActionIcon,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import { IconCheck, IconTrash } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatPercent } from "../../ui/format";
import { HealthBadge, HealthFigures } from "./HealthBadge";
import { HEALTH_REFRESH_MS, useDeploymentHealth } from "./use-deployment-health";
import { useProviders } from "./use-providers";

type Model = OperationOutput<"models.get">;
type Deployment = Model["deployments"][number];

/**
 * Where a model routes: its deployments by priority group (lower first; a later group is the fallback
 * when every deployment of the earlier ones failed), each with its weight's share and LIVE health
 * (refreshed every few seconds). Managers add, reweigh and remove deployments.
 */
export function DeploymentsCard({ model, onChanged }: { model: Model; onChanged(m: Model): void }) {
  const { can } = useScope();
  const manage = can("models:manage");
  const health = useDeploymentHealth();
  const groups = [...new Set(model.deployments.map((d) => d.priority))].sort((a, b) => a - b);
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Deployments
        </Title>
        {health.allowed && (
          <Text size="xs" c="dimmed">
            Live: refreshed every {HEALTH_REFRESH_MS / 1000} s
            {health.query.dataUpdatedAt
              ? ` · ${new Date(health.query.dataUpdatedAt).toLocaleTimeString()}`
              : ""}
          </Text>
        )}
      </Group>
      <ErrorAlert error={health.query.error} mb="sm" title="Health could not be read" />
      {model.deployments.length === 0 ? (
        <Text c="orange" mb="sm">
          This model routes nowhere yet: requests for it fail until it has a deployment.
          {manage ? " Add one below." : ""}
        </Text>
      ) : (
        <Stack gap="md">
          {groups.map((priority, i) => (
            <PriorityGroup
              key={priority}
              label={i === 0 ? `Priority ${priority} · tried first` : `Priority ${priority} · fallback ${i}`}
              model={model}
              deployments={model.deployments.filter((d) => d.priority === priority)}
              health={health}
              manage={manage}
              onChanged={onChanged}
            />
          ))}
        </Stack>
      )}
      {manage && <AddDeploymentForm model={model} onChanged={onChanged} />}
    </Card>
  );
}

function PriorityGroup(props: {
  label: string;
  model: Model;
  deployments: Deployment[];
  health: ReturnType<typeof useDeploymentHealth>;
  manage: boolean;
  onChanged(m: Model): void;
}) {
  const total = props.deployments.reduce((s, d) => s + d.weight, 0);
  return (
    <div>
      <Text size="sm" fw={600} mb={4}>
        {props.label}
      </Text>
      <Table.ScrollContainer minWidth={980}>
        <Table verticalSpacing="xs" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Provider</Table.Th>
              <Table.Th>Upstream model</Table.Th>
              <Table.Th>{props.manage ? "Weight · priority" : "Weight"}</Table.Th>
              <Table.Th>Share</Table.Th>
              {props.health.allowed && <Table.Th>Health</Table.Th>}
              {props.health.allowed && <Table.Th>Live</Table.Th>}
              {props.manage && <Table.Th aria-label="Actions" />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.deployments.map((d) => (
              <DeploymentRow
                key={d.id}
                {...props}
                deployment={d}
                share={total > 0 ? d.weight / total : null}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}

function DeploymentRow({
  model,
  deployment: d,
  share,
  health,
  manage,
  onChanged,
}: {
  model: Model;
  deployment: Deployment;
  share: number | null;
  health: ReturnType<typeof useDeploymentHealth>;
  manage: boolean;
  onChanged(m: Model): void;
}) {
  const { client } = useApi();
  const { tenantId } = useScope();
  const queryClient = useQueryClient();
  const { nameOf, disabled } = useProviders();
  const [weight, setWeight] = useState<string | number>(d.weight);
  const [priority, setPriority] = useState<string | number>(d.priority);
  const params = { tenantId, modelId: model.id, deploymentId: d.id };
  const done = async (m: Model) => {
    onChanged(m);
    await queryClient.invalidateQueries({ queryKey: ["models.list", tenantId] });
    await queryClient.invalidateQueries({ queryKey: ["deployments.tenantHealth", tenantId] });
  };
  const update = useMutation({
    mutationFn: () =>
      client.models.updateDeployment({
        params,
        body: { weight: Number(weight), priority: Number(priority) },
      }),
    onSuccess: done,
  });
  const remove = useMutation({
    mutationFn: () => client.models.removeDeployment({ params }),
    onSuccess: done,
  });
  const dirty = Number(weight) !== d.weight || Number(priority) !== d.priority;
  const h = health.byId.get(d.id);
  const provider = nameOf(d.providerId);
  return (
    <>
      <Table.Tr data-testid={`deployment-${provider}-${d.upstreamModel}`}>
        <Table.Td>
          {provider}
          {disabled(d.providerId) && (
            <Text size="xs" c="orange">
              provider disabled: not routed
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <Text size="sm" ff="monospace">
            {d.upstreamModel}
          </Text>
        </Table.Td>
        <Table.Td>
          {manage ? (
            <Group gap={4} wrap="nowrap">
              <NumberInput
                aria-label={`Weight of ${provider} ${d.upstreamModel}`}
                size="xs"
                w={72}
                min={0}
                allowDecimal={false}
                value={weight}
                onChange={setWeight}
              />
              <NumberInput
                aria-label={`Priority of ${provider} ${d.upstreamModel}`}
                size="xs"
                w={64}
                min={0}
                allowDecimal={false}
                value={priority}
                onChange={setPriority}
                leftSection={<Text size="xs">P</Text>}
              />
              {dirty && (
                <Tooltip label="Save weight and priority">
                  <ActionIcon
                    aria-label={`Save ${provider} ${d.upstreamModel}`}
                    loading={update.isPending}
                    onClick={() => update.mutate()}
                  >
                    <IconCheck size={14} />
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
          ) : (
            <Text size="sm">{d.weight}</Text>
          )}
        </Table.Td>
        <Table.Td>
          <Text size="sm">{formatPercent(share)}</Text>
        </Table.Td>
        {health.allowed && (
          <Table.Td>
            <HealthBadge health={h} />
          </Table.Td>
        )}
        {health.allowed && (
          <Table.Td>
            <HealthFigures health={h} />
          </Table.Td>
        )}
        {manage && (
          <Table.Td>
            <Tooltip label="Remove this deployment">
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove deployment ${provider} ${d.upstreamModel}`}
                loading={remove.isPending}
                onClick={() => {
                  if (window.confirm(`Stop routing ${model.name} to ${provider} (${d.upstreamModel})?`))
                    remove.mutate();
                }}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Table.Td>
        )}
      </Table.Tr>
      {(update.error || remove.error) && (
        <Table.Tr>
          <Table.Td colSpan={8}>
            <ErrorAlert error={update.error ?? remove.error} />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

function AddDeploymentForm({ model, onChanged }: { model: Model; onChanged(m: Model): void }) {
  const { client } = useApi();
  const { tenantId } = useScope();
  const queryClient = useQueryClient();
  const { providers } = useProviders();
  const [providerId, setProviderId] = useState<string | null>(null);
  const [upstreamModel, setUpstreamModel] = useState("");
  const [weight, setWeight] = useState<string | number>(1);
  const [priority, setPriority] = useState<string | number>(0);
  const add = useMutation({
    mutationFn: () =>
      client.models.addDeployment({
        params: { tenantId, modelId: model.id },
        body: {
          providerId: providerId!,
          upstreamModel: upstreamModel.trim(),
          weight: Number(weight),
          priority: Number(priority),
        },
      }),
    onSuccess: async (m) => {
      setUpstreamModel("");
      onChanged(m);
      await queryClient.invalidateQueries({ queryKey: ["models.list", tenantId] });
      await queryClient.invalidateQueries({ queryKey: ["deployments.tenantHealth", tenantId] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Text size="sm" fw={600} mt="lg" mb={4}>
        Add a deployment
      </Text>
      <ErrorAlert error={add.error} mb="xs" />
      <Group align="flex-end" gap="xs" wrap="wrap">
        <Select
          label="Provider"
          data={providers.map((p) => ({ value: p.id, label: p.name }))}
          value={providerId}
          onChange={setProviderId}
          searchable
          required
          w={200}
          nothingFoundMessage="No provider: add one on the Providers page"
        />
        <TextInput
          label="Upstream model"
          placeholder={model.name.endsWith("*") ? "*" : model.name}
          value={upstreamModel}
          onChange={(e) => setUpstreamModel(e.currentTarget.value)}
          required
          w={220}
        />
        <NumberInput label="Weight" min={0} allowDecimal={false} value={weight} onChange={setWeight} w={90} />
        <NumberInput
          label="Priority"
          min={0}
          allowDecimal={false}
          value={priority}
          onChange={setPriority}
          w={90}
        />
        <Button type="submit" loading={add.isPending} disabled={providerId === null}>
          Add deployment
        </Button>
      </Group>
    </form>
  );
}
