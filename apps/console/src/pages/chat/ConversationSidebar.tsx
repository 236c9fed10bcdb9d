import {
  Box,
  Button,
  Group,
  Loader,
  ScrollArea,
  Stack,
  Switch,
  Text,
  TextInput,
  UnstyledButton,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconPin, IconPlus, IconSearch } from "@tabler/icons-react";
import type { RefObject } from "react";
import { useState } from "react";
import { Link } from "react-router";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatAgo } from "../../ui/format";
import { ChatFilesDialog } from "./ChatFilesDialog";
import { ConversationMenu } from "./ConversationMenu";
import type { Conversation } from "./chat-tree";
import { useConversationList } from "./use-conversation-list";

/**
 * The user's conversations in the workspace: a search box (titles and message text, server side), a
 * new-chat button, the pinned ones first, then the others a page at a time; archived ones on request.
 */
export function ConversationSidebar({
  tenantId,
  workspaceId,
  activeId,
  basePath,
  searchRef,
  onNew,
  onDeleted,
}: {
  tenantId: string;
  workspaceId: string;
  activeId: string | undefined;
  basePath: string;
  searchRef: RefObject<HTMLInputElement | null>;
  onNew(): void;
  onDeleted(id: string): void;
}) {
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search, 250);
  const [archived, setArchived] = useState(false);
  const [filesOpen, setFilesOpen] = useState(false);
  const pinned = useConversationList(tenantId, workspaceId, { q, pinned: true, archived });
  const others = useConversationList(tenantId, workspaceId, { q, pinned: false, archived });
  const pinnedItems = pinned.data?.pages.flatMap((p) => p.items) ?? [];
  // While both lists refetch after a pin or unpin, one conversation may be in both for a moment.
  const pinnedIds = new Set(pinnedItems.map((c) => c.id));
  const otherItems = (others.data?.pages.flatMap((p) => p.items) ?? []).filter((c) => !pinnedIds.has(c.id));
  const loading = pinned.isPending || others.isPending;
  const empty = !loading && pinnedItems.length === 0 && otherItems.length === 0;

  const item = (c: Conversation) => (
    <Group
      key={c.id}
      gap={4}
      wrap="nowrap"
      data-testid="conversation-item"
      data-active={c.id === activeId ? "true" : "false"}
      style={{
        borderRadius: 6,
        background: c.id === activeId ? "var(--mantine-color-default-hover)" : undefined,
      }}
      px={6}
      py={4}
    >
      <UnstyledButton
        component={Link}
        to={`${basePath}/${c.id}`}
        style={{ flex: 1, minWidth: 0 }}
        aria-current={c.id === activeId ? "page" : undefined}
      >
        <Group gap={4} wrap="nowrap">
          {c.pinned && <IconPin size={12} aria-label="Pinned" />}
          <Text size="sm" truncate="end" data-testid="conversation-title">
            {c.title}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {formatAgo(c.updatedAt)}
        </Text>
      </UnstyledButton>
      <ConversationMenu
        tenantId={tenantId}
        workspaceId={workspaceId}
        conversation={c}
        onDeleted={() => onDeleted(c.id)}
      />
    </Group>
  );

  return (
    <Stack gap="xs" h="100%" component="nav" aria-label="Conversations">
      <Button leftSection={<IconPlus size={16} />} onClick={onNew} variant="light">
        New chat
      </Button>
      <TextInput
        ref={searchRef}
        aria-label="Search conversations"
        placeholder="Search conversations"
        leftSection={<IconSearch size={14} />}
        rightSection={(pinned.isFetching || others.isFetching) && search !== "" ? <Loader size={12} /> : null}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maxLength={200}
      />
      <Group justify="space-between" gap="xs">
        <Switch
          size="xs"
          label="Show archived"
          checked={archived}
          onChange={(e) => setArchived(e.currentTarget.checked)}
        />
        <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setFilesOpen(true)}>
          Your files
        </Button>
      </Group>
      <ChatFilesDialog
        tenantId={tenantId}
        workspaceId={workspaceId}
        opened={filesOpen}
        onClose={() => setFilesOpen(false)}
      />
      <ErrorAlert error={pinned.error ?? others.error} title="Could not list the conversations" />
      <ScrollArea style={{ flex: 1 }} offsetScrollbars type="auto">
        {loading && <Loader size="sm" m="md" aria-label="Loading conversations" />}
        {empty && (
          <Text size="sm" c="dimmed" p="xs">
            {q.trim() !== ""
              ? "No conversation matches."
              : archived
                ? "No archived conversation."
                : "No conversation yet: write a message to start one."}
          </Text>
        )}
        {pinnedItems.length > 0 && (
          <Box mb="xs">
            <Text size="xs" fw={600} c="dimmed" tt="uppercase" px={6}>
              Pinned
            </Text>
            {pinnedItems.map(item)}
          </Box>
        )}
        {otherItems.length > 0 && pinnedItems.length > 0 && (
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" px={6}>
            Recent
          </Text>
        )}
        {otherItems.map(item)}
        {(pinned.hasNextPage || others.hasNextPage) && (
          <Button
            variant="subtle"
            size="xs"
            fullWidth
            loading={pinned.isFetchingNextPage || others.isFetchingNextPage}
            onClick={() => void (pinned.hasNextPage ? pinned.fetchNextPage() : others.fetchNextPage())}
          >
            Load more
          </Button>
        )}
      </ScrollArea>
    </Stack>
  );
}
