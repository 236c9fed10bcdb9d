import { Anchor, Badge, Button, Group, Modal, Paper, Table, Text } from "@mantine/core";
import { IconMessagePlus, IconPlus } from "@tabler/icons-react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { CursorPager } from "../../ui/CursorPager";
import { EmptyState } from "../../ui/EmptyState";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatAgo } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { PageLoader } from "../../ui/PageLoader";
import { useCursorPage } from "../../ui/use-cursor-page";
import { ImportButton } from "./ImportButton";
import { PresetFormModal } from "./PresetFormModal";
import { toolsSummary } from "./preset-tools";
import type { Preset } from "./preset-types";

/**
 * `/t/:tenantId/presets`: the user's presets and the workspace's shared ones (presets.list, 25 a page),
 * create and edit (the author only), delete, and "Start chat", which opens `/t/:tenantId/chat?preset=<id>`.
 * The import button sits here too (docs/chat.md).
 */
export function PresetsPage() {
  const { client } = useApi();
  const scope = useScope();
  const pager = useCursorPage();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<{ preset: Preset | undefined } | null>(null);
  const workspaceId = scope.workspace?.id ?? "";
  const params = { tenantId: scope.tenantId, workspaceId };
  const list = useQuery({
    queryKey: ["presets.list", scope.tenantId, workspaceId, pager.cursor],
    queryFn: () =>
      client.presets.list({
        params,
        query: { limit: 25, ...(pager.cursor !== undefined && { cursor: pager.cursor }) },
      }),
    enabled: workspaceId !== "",
    placeholderData: keepPreviousData,
  });
  const [deleting, setDeleting] = useState<Preset | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => client.presets.delete({ params: { ...params, presetId: id } }),
    onSuccess: () => {
      setDeleting(null);
      void queryClient.invalidateQueries({ queryKey: ["presets.list"] });
    },
  });
  const confirmDelete = (p: Preset) => setDeleting(p);
  const create = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ preset: undefined })}>
      New preset
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Presets"
        description="Assistants for the chat: a system prompt, a model, its parameters and tools — yours, or shared with the workspace."
        actions={create}
      />
      <Paper withBorder p="md" mb="md">
        <ImportButton />
      </Paper>
      <ErrorAlert error={list.error ?? remove.error} mb="md" />
      {list.isPending && workspaceId !== "" ? (
        <PageLoader />
      ) : (list.data?.items.length ?? 0) === 0 ? (
        <EmptyState title="No presets yet" action={create}>
          A preset starts a chat with your system prompt, model and parameters already set.
        </EmptyState>
      ) : (
        <Table striped highlightOnHover data-testid="presets-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Model</Table.Th>
              <Table.Th>Visibility</Table.Th>
              <Table.Th>Changed</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Text fw={500}>{p.name}</Text>
                  {p.description && (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {p.description}
                    </Text>
                  )}
                  {p.tools.length > 0 && (
                    <Text size="xs" c="grape" data-testid="preset-tools" lineClamp={1}>
                      {toolsSummary(p.tools)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {p.model}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {p.shared ? (
                    <Badge variant="light">{p.mine ? "Shared by you" : "Shared with you"}</Badge>
                  ) : (
                    <Badge variant="light" color="gray">
                      Private
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{formatAgo(p.updatedAt)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="light"
                      component={Link}
                      to={`/t/${scope.tenantId}/chat?preset=${p.id}`}
                      leftSection={<IconMessagePlus size={14} />}
                    >
                      Start chat
                    </Button>
                    {p.mine && (
                      <>
                        <Anchor component="button" size="sm" onClick={() => setEditing({ preset: p })}>
                          Edit
                        </Anchor>
                        <Anchor component="button" size="sm" c="red" onClick={() => confirmDelete(p)}>
                          Delete
                        </Anchor>
                      </>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <CursorPager pager={pager} nextCursor={list.data?.nextCursor} loading={list.isFetching} />
      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={`Delete "${deleting?.name ?? ""}"?`}
      >
        <Text size="sm" mb="md">
          Conversations started from it keep their settings.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setDeleting(null)}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() => deleting && remove.mutate(deleting.id)}
          >
            Delete
          </Button>
        </Group>
      </Modal>
      {editing !== null && (
        <PresetFormModal
          key={editing.preset?.id ?? "new"}
          preset={editing.preset}
          opened
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
