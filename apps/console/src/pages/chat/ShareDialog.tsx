import { Badge, Button, CopyButton, Group, Modal, Stack, Table, Text, TextInput } from "@mantine/core";
import { IconCopy, IconLink } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatTime } from "../../ui/format";

/** How many of a conversation's links the dialog lists (the newest; older ones stay revocable by API). */
const LISTED = 20;

/**
 * A conversation's read-only share links (docs/chat.md, Share links): make a new one — its URL is shown
 * once, with a copy button, since only its hash is stored — and see or revoke the existing ones. A link
 * shows the conversation as it is when made; later messages are not shared.
 */
export function ShareDialog({
  params,
  title,
  opened,
  onClose,
}: {
  params: { tenantId: string; workspaceId: string; conversationId: string };
  title: string;
  opened: boolean;
  onClose(): void;
}) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState<string | null>(null);
  const queryKey = ["conversations.listShares", params.conversationId];
  const shares = useQuery({
    queryKey,
    enabled: opened,
    queryFn: () => client.conversations.listShares({ params, query: { limit: LISTED } }),
  });
  const create = useMutation({
    mutationFn: () => client.conversations.share({ params }),
    onSuccess: async (made) => {
      setUrl(made.url);
      await queryClient.invalidateQueries({ queryKey });
    },
  });
  const revoke = useMutation({
    mutationFn: (shareId: string) => client.conversations.revokeShare({ params: { ...params, shareId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey }),
  });
  const close = () => {
    setUrl(null);
    create.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={`Share “${title}”`} size="lg">
      <Stack gap="sm">
        <Text size="sm">
          Anyone with the link can read this conversation as it is now — its current branch, without your
          name, costs or account — without signing in. Later messages are not shared. Revoke a link to end it.
        </Text>
        {url === null ? (
          <Group>
            <Button
              leftSection={<IconLink size={14} />}
              loading={create.isPending}
              onClick={() => create.mutate()}
            >
              Create link
            </Button>
          </Group>
        ) : (
          <Stack gap={4}>
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <TextInput
                label="Share link"
                value={url}
                readOnly
                style={{ flex: 1 }}
                data-testid="share-url"
              />
              <CopyButton value={url}>
                {({ copied, copy }) => (
                  <Button variant="default" leftSection={<IconCopy size={14} />} onClick={copy}>
                    {copied ? "Copied" : "Copy"}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="xs" c="dimmed">
              Shown once: only a hash of it is kept. Copy it now.
            </Text>
          </Stack>
        )}
        <ErrorAlert error={create.error ?? revoke.error ?? shares.error} title="Share links" />
        {(shares.data?.items.length ?? 0) > 0 && (
          <Table data-testid="share-list" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Made</Table.Th>
                <Table.Th>Messages</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shares.data?.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{formatTime(s.createdAt)}</Table.Td>
                  <Table.Td>{s.messageCount}</Table.Td>
                  <Table.Td align="right">
                    {s.revokedAt === null ? (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        loading={revoke.isPending && revoke.variables === s.id}
                        onClick={() => revoke.mutate(s.id)}
                      >
                        Revoke
                      </Button>
                    ) : (
                      <Badge color="gray" variant="light">
                        Revoked
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Modal>
  );
}
