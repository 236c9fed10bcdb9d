import { Anchor, Button, Grid, Group, Modal, Stack, Text } from "@mantine/core";
import { IconArrowLeft, IconTrash } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { PageHeader } from "../../ui/PageHeader";
import { PageLoader } from "../../ui/PageLoader";
import { DeploymentsCard } from "./DeploymentsCard";
import { EffectivePrice } from "./EffectivePrice";
import { ModelSettingsForm } from "./ModelSettingsForm";

/** One model: its effective price, settings, and deployments by priority group with live health. */
export function ModelDetailPage() {
  const { modelId = "" } = useParams();
  const { client } = useApi();
  const { tenantId, can } = useScope();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const key = ["models.get", tenantId, modelId];
  const model = useQuery({
    queryKey: key,
    queryFn: () => client.models.get({ params: { tenantId, modelId } }),
  });
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => client.models.delete({ params: { tenantId, modelId } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["models.list", tenantId] });
      navigate(`/t/${tenantId}/models`);
    },
  });
  const back = (
    <Anchor component={Link} to={`/t/${tenantId}/models`} size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} /> All models
      </Group>
    </Anchor>
  );
  if (model.isPending) return <PageLoader label="Loading the model" />;
  if (model.isError)
    return (
      <Stack>
        {back}
        <ErrorAlert error={model.error} />
      </Stack>
    );
  const m = model.data;
  const set = (next: typeof m) => queryClient.setQueryData(key, next);
  return (
    <>
      {back}
      <PageHeader
        title={m.name}
        description={
          m.aliases.length > 0
            ? `Also answers to ${m.aliases.join(", ")}.`
            : "Clients send this name as model."
        }
        actions={
          can("models:manage") && (
            <Button
              color="red"
              variant="light"
              leftSection={<IconTrash size={16} />}
              onClick={() => setConfirming(true)}
            >
              Delete model
            </Button>
          )
        }
      />
      <Stack>
        <DeploymentsCard model={m} onChanged={set} />
        <Grid>
          <Grid.Col span={{ base: 12, lg: 8 }}>
            {/* Keyed by the model's settings, so the form restarts from what the server answered. */}
            <ModelSettingsForm key={JSON.stringify({ ...m, deployments: [] })} model={m} onSaved={set} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <EffectivePrice model={m} />
          </Grid.Col>
        </Grid>
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Delete model?">
        <Stack>
          <ErrorAlert error={remove.error} />
          <Text>
            This deletes <b>{m.name}</b>
            {m.aliases.length > 0 ? ` (and its aliases ${m.aliases.join(", ")})` : ""} and its{" "}
            {m.deployments.length} deployment(s). Requests for it fail from then on; usage already recorded
            stays.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
              Delete {m.name}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
