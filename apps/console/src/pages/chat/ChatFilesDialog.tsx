import { ActionIcon, Button, Group, Loader, Modal, Stack, Table, Text, Tooltip } from "@mantine/core";
import { IconFileText, IconPhoto, IconTrash } from "@tabler/icons-react";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatAgo } from "../../ui/format";
import { formatSize } from "./chat-attachments";

/**
 * "Your files": the user's attachments in the workspace, newest first (chatFiles.list, 25 a page, "Load
 * more"), each deletable to free room in the tenant's storage quota. A deleted file stays named on the
 * messages that carried it; the model is told it was deleted (attachment-history.ts).
 */
export function ChatFilesDialog({
  tenantId,
  workspaceId,
  opened,
  onClose,
}: {
  tenantId: string;
  workspaceId: string;
  opened: boolean;
  onClose(): void;
}) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const key = ["chatFiles.list", tenantId, workspaceId];
  const files = useInfiniteQuery({
    queryKey: key,
    enabled: opened,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      client.chatFiles.list({
        params: { tenantId, workspaceId },
        query: { limit: 25, ...(pageParam !== undefined && { cursor: pageParam }) },
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const remove = useMutation({
    mutationFn: (fileId: string) => client.chatFiles.delete({ params: { tenantId, workspaceId, fileId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const items = files.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Modal opened={opened} onClose={onClose} title="Your files" size="lg">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          Files you attached in this workspace. They count against your organisation's storage; deleting one
          frees its room (messages keep its name).
        </Text>
        <ErrorAlert error={files.error ?? remove.error} title="Could not change the files" />
        {files.isPending && opened && <Loader size="sm" aria-label="Loading files" />}
        {!files.isPending && items.length === 0 && (
          <Text size="sm" c="dimmed">
            No file yet: attach one with the paperclip.
          </Text>
        )}
        {items.length > 0 && (
          <Table data-testid="chat-files-table" verticalSpacing={4}>
            <Table.Tbody>
              {items.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      {f.kind === "image" ? <IconPhoto size={16} /> : <IconFileText size={16} />}
                      <Text size="sm">{f.name}</Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {formatSize(f.size)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {formatAgo(f.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label="Delete">
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Delete ${f.name}`}
                        loading={remove.isPending && remove.variables === f.id}
                        onClick={() => remove.mutate(f.id)}
                      >
                        <IconTrash size={14} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {files.hasNextPage && (
          <Button
            variant="subtle"
            size="xs"
            loading={files.isFetchingNextPage}
            onClick={() => void files.fetchNextPage()}
          >
            Load more
          </Button>
        )}
      </Stack>
    </Modal>
  );
}
