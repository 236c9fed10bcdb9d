import { ActionIcon, Group, Image, Paper, Progress, Text, Tooltip } from "@mantine/core";
import { IconFileText, IconPhoto, IconX } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { type FilePart, formatSize } from "./chat-attachments";
import type { Attachment } from "./use-attachments";

/** The composer's chips: name, size, upload progress or the refusal, and a remove button. */
export function ComposerChips({
  items,
  onRemove,
}: {
  items: readonly Attachment[];
  onRemove(key: string): void;
}) {
  if (items.length === 0) return null;
  return (
    <Group gap="xs" px="xs" pb="xs" data-testid="composer-attachments">
      {items.map((a) => (
        <Paper
          key={a.key}
          withBorder
          px="xs"
          py={4}
          radius="sm"
          data-testid="attachment-chip"
          data-state={a.error ? "error" : a.part ? "ready" : "uploading"}
          style={{ maxWidth: 260, borderColor: a.error ? "var(--mantine-color-red-6)" : undefined }}
        >
          <Group gap={6} wrap="nowrap">
            {a.part?.kind === "image" ? <IconPhoto size={16} /> : <IconFileText size={16} />}
            <Text size="xs" truncate="end" style={{ flex: 1 }}>
              {a.name}
            </Text>
            <Text size="xs" c="dimmed">
              {formatSize(a.size)}
            </Text>
            <Tooltip label="Remove">
              <ActionIcon
                size="xs"
                variant="subtle"
                color="gray"
                aria-label={`Remove ${a.name}`}
                onClick={() => onRemove(a.key)}
              >
                <IconX size={12} />
              </ActionIcon>
            </Tooltip>
          </Group>
          {!a.part && !a.error && (
            <Progress value={a.progress * 100} size="xs" mt={4} aria-label={`Uploading ${a.name}`} />
          )}
          {a.error && (
            <Text size="xs" c="red" mt={2} role="alert">
              {a.error}
            </Text>
          )}
        </Paper>
      ))}
    </Group>
  );
}

/** The files attached to a sent message: images as thumbnails (fetched with the session), documents as chips. */
export function MessageAttachments({ parts }: { parts: readonly FilePart[] }) {
  const { tenantId, workspace } = useScope();
  const workspaceId = workspace?.id ?? "";
  if (parts.length === 0) return null;
  return (
    <Group gap="xs" mt={6} data-testid="message-attachments">
      {parts.map((p) =>
        p.kind === "image" ? (
          <Thumbnail key={p.fileId} part={p} tenantId={tenantId} workspaceId={workspaceId} />
        ) : (
          <Paper key={p.fileId} withBorder px="xs" py={4} radius="sm" data-testid="message-attachment">
            <Group gap={6} wrap="nowrap">
              <IconFileText size={16} />
              <Text size="xs">{p.name}</Text>
              <Text size="xs" c="dimmed">
                {formatSize(p.size)}
              </Text>
            </Group>
          </Paper>
        ),
      )}
    </Group>
  );
}

function Thumbnail({
  part,
  tenantId,
  workspaceId,
}: {
  part: FilePart;
  tenantId: string;
  workspaceId: string;
}) {
  const { client } = useApi();
  const bytes = useQuery({
    queryKey: ["chatFiles.content", tenantId, workspaceId, part.fileId],
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    queryFn: () => client.chatFiles.content({ params: { tenantId, workspaceId, fileId: part.fileId } }),
  });
  const url = useMemo(
    () =>
      bytes.data
        ? URL.createObjectURL(new Blob([bytes.data as BlobPart], { type: part.mediaType }))
        : undefined,
    [bytes.data, part.mediaType],
  );
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return (
    <Tooltip label={`${part.name} · ${formatSize(part.size)}`}>
      <Paper withBorder radius="sm" p={2} data-testid="message-attachment" data-kind="image">
        {url ? (
          <Image src={url} alt={part.name} h={72} w="auto" maw={160} fit="contain" radius="sm" />
        ) : (
          <Group h={72} w={72} justify="center">
            <IconPhoto size={20} />
          </Group>
        )}
      </Paper>
    </Tooltip>
  );
}
