import { ActionIcon, Button, Group, Menu, Modal, Text, TextInput } from "@mantine/core";
import {
  IconArchive,
  IconArchiveOff,
  IconDots,
  IconDownload,
  IconPencil,
  IconPin,
  IconPinnedOff,
  IconShare,
  IconTrash,
} from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import type { Conversation } from "./chat-tree";
import { downloadText } from "./download";
import { ShareDialog } from "./ShareDialog";

/**
 * A conversation's menu in the sidebar: rename, pin or unpin, archive or restore, share a read-only link,
 * export as Markdown or JSON (downloaded), delete (after a confirmation). `onDeleted` lets the page leave a deleted chat.
 */
export function ConversationMenu({
  tenantId,
  workspaceId,
  conversation: c,
  onDeleted,
}: {
  tenantId: string;
  workspaceId: string;
  conversation: Conversation;
  onDeleted(): void;
}) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<"rename" | "delete" | "share" | null>(null);
  const [title, setTitle] = useState(c.title);
  const params = { tenantId, workspaceId, conversationId: c.id };
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["conversations.list", tenantId, workspaceId] }),
      queryClient.invalidateQueries({ queryKey: ["conversations.get", tenantId, workspaceId, c.id] }),
    ]);
  const update = useMutation({
    mutationFn: (body: { title?: string; pinned?: boolean; archived?: boolean }) =>
      client.conversations.update({ params, body }),
    onSuccess: async () => {
      await refresh();
      setDialog(null);
    },
  });
  const remove = useMutation({
    mutationFn: () => client.conversations.delete({ params }),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: ["conversations.get", tenantId, workspaceId, c.id] });
      await queryClient.invalidateQueries({ queryKey: ["conversations.list", tenantId, workspaceId] });
      setDialog(null);
      onDeleted();
    },
  });
  const exporter = useMutation({
    mutationFn: async (format: "markdown" | "json") => {
      const file = await client.conversations.export({ params, query: { format } });
      downloadText(file.filename, file.contentType, file.content);
    },
  });

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            aria-label={`Actions for ${c.title}`}
            loading={update.isPending || exporter.isPending}
          >
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item
            leftSection={<IconPencil size={14} />}
            onClick={() => {
              setTitle(c.title);
              update.reset();
              setDialog("rename");
            }}
          >
            Rename
          </Menu.Item>
          <Menu.Item
            leftSection={c.pinned ? <IconPinnedOff size={14} /> : <IconPin size={14} />}
            onClick={() => update.mutate({ pinned: !c.pinned })}
          >
            {c.pinned ? "Unpin" : "Pin"}
          </Menu.Item>
          <Menu.Item
            leftSection={c.archived ? <IconArchiveOff size={14} /> : <IconArchive size={14} />}
            onClick={() => update.mutate({ archived: !c.archived })}
          >
            {c.archived ? "Restore from archive" : "Archive"}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item leftSection={<IconShare size={14} />} onClick={() => setDialog("share")}>
            Share link…
          </Menu.Item>
          <Menu.Item leftSection={<IconDownload size={14} />} onClick={() => exporter.mutate("markdown")}>
            Export as Markdown
          </Menu.Item>
          <Menu.Item leftSection={<IconDownload size={14} />} onClick={() => exporter.mutate("json")}>
            Export as JSON
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item
            color="red"
            leftSection={<IconTrash size={14} />}
            onClick={() => {
              remove.reset();
              setDialog("delete");
            }}
          >
            Delete
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {dialog === null && (
        <ErrorAlert error={update.error ?? exporter.error} title="The conversation was not changed" mt={4} />
      )}
      <Modal opened={dialog === "rename"} onClose={() => setDialog(null)} title="Rename conversation">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate({ title });
          }}
        >
          <TextInput
            label="Title"
            value={title}
            maxLength={200}
            data-autofocus
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <ErrorAlert error={update.error} mt="sm" />
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={() => setDialog(null)}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending} disabled={title.trim() === ""}>
              Save
            </Button>
          </Group>
        </form>
      </Modal>
      <ShareDialog
        params={params}
        title={c.title}
        opened={dialog === "share"}
        onClose={() => setDialog(null)}
      />
      <Modal opened={dialog === "delete"} onClose={() => setDialog(null)} title="Delete conversation?">
        <Text size="sm">
          “{c.title}” and all its messages and branches are deleted for good. Export it first to keep a copy.
        </Text>
        <ErrorAlert error={remove.error} mt="sm" />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setDialog(null)}>
            Cancel
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
            Delete
          </Button>
        </Group>
      </Modal>
    </>
  );
}
