import { Button, FileButton, Group, Progress, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconUpload } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";

/** The server's limit on an import (CHAT_IMPORT_MAX_BYTES): a larger file is refused before sending. */
const MAX_BYTES = 32 * 1_048_576;

/** Reads a file as text, reporting the share read so far (0–1). */
function readText(file: File, onProgress: (share: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read."));
    reader.readAsText(file);
  });
}

/**
 * "Import conversations": picks an export file (Gatehouse JSON, LibreChat, ChatGPT conversations.json),
 * reads it with a progress bar, then sends it to `conversations.import` (the server detects the format
 * and stores everything or nothing). Mountable anywhere in the workspace (the chat page may use it too);
 * `onImported` receives the new conversations' ids.
 */
export function ImportButton({ onImported }: { onImported?: (ids: string[]) => void }) {
  const { client } = useApi();
  const scope = useScope();
  const queryClient = useQueryClient();
  const [read, setRead] = useState<number | null>(null);

  const upload = useMutation({
    mutationFn: async (file: File) => {
      if (file.size > MAX_BYTES) throw new Error("The file is larger than 32 MiB; split it first.");
      setRead(0);
      const text = await readText(file, setRead);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      if (typeof body !== "object" || body === null) {
        throw new Error("The file is not a JSON export: choose a Gatehouse, LibreChat or ChatGPT export.");
      }
      setRead(1);
      return client.conversations.import({
        params: { tenantId: scope.tenantId, workspaceId: scope.workspace?.id ?? "" },
        query: { format: "auto" },
        body: body as Record<string, unknown> | unknown[],
      });
    },
    onSuccess: (res) => {
      void queryClient.invalidateQueries({ queryKey: ["conversations.list"] });
      notifications.show({
        color: "green",
        title: "Imported",
        message: `${res.conversations.length} conversation(s), ${res.messageCount} messages (${res.format}).`,
      });
      onImported?.(res.conversations.map((c) => c.id));
    },
    onSettled: () => setRead(null),
  });

  return (
    <Stack gap={4}>
      <Group>
        <FileButton onChange={(f) => f && upload.mutate(f)} accept="application/json,.json">
          {(props) => (
            <Button
              {...props}
              variant="default"
              leftSection={<IconUpload size={16} />}
              loading={upload.isPending}
            >
              Import conversations
            </Button>
          )}
        </FileButton>
      </Group>
      {read !== null && (
        <Stack gap={2} data-testid="import-progress">
          <Progress
            value={read < 1 ? read * 100 : 100}
            animated={read >= 1}
            striped={read >= 1}
            aria-label={read < 1 ? "Reading the file" : "Importing"}
          />
          <Text size="xs" c="dimmed">
            {read < 1 ? `Reading the file… ${Math.round(read * 100)}%` : "Importing…"}
          </Text>
        </Stack>
      )}
      <ErrorAlert error={upload.error} title="Import failed" />
    </Stack>
  );
}
