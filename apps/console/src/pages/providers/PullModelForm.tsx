import { Button, Group, Progress, Stack, Text, TextInput } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";

interface PullState {
  status: string;
  /** 0–100, or undefined while Ollama reports a step without sizes. */
  percent?: number;
  done?: "success" | "error";
  message?: string;
}

/** Pulls a model onto an Ollama provider, with a progress bar fed by the server-sent events of the pull. */
export function PullModelForm({ providerId }: { providerId: string }) {
  const { client } = useApi();
  const { tenantId } = useScope();
  const queryClient = useQueryClient();
  const [model, setModel] = useState("");
  const [pull, setPull] = useState<PullState | undefined>();
  const [error, setError] = useState<unknown>();
  const running = pull !== undefined && pull.done === undefined;

  const start = async () => {
    setError(undefined);
    setPull({ status: "starting" });
    try {
      const events = client.events("ollama.pullModel", {
        params: { tenantId, providerId },
        body: { model: model.trim() },
      });
      for await (const e of events) {
        const data = JSON.parse(e.data) as {
          status?: string;
          total?: number;
          completed?: number;
          message?: string;
        };
        if (e.event === "progress") {
          const percent =
            data.total && data.total > 0 ? Math.floor(((data.completed ?? 0) / data.total) * 100) : undefined;
          setPull((p) => ({ status: data.status ?? "", percent: percent ?? p?.percent }));
        } else if (e.event === "success" || e.event === "error") {
          setPull((p) => ({
            ...p,
            status: p?.status ?? "",
            done: e.event as "success" | "error",
            message: data.message,
          }));
        }
      }
    } catch (err) {
      setPull(undefined);
      setError(err);
    }
    await queryClient.invalidateQueries({ queryKey: ["ollama.listModels", tenantId, providerId] });
  };

  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <TextInput
          label="Pull a model"
          description="An Ollama library name, e.g. llama3.2 or qwen3:0.6b"
          placeholder="llama3.2"
          value={model}
          onChange={(e) => setModel(e.currentTarget.value)}
          style={{ flex: 1 }}
          disabled={running}
        />
        <Button
          leftSection={<IconDownload size={16} />}
          loading={running}
          disabled={model.trim() === ""}
          onClick={() => void start()}
        >
          Pull
        </Button>
      </Group>
      <ErrorAlert error={error} />
      {pull && (
        <Stack gap={4}>
          <Progress
            value={pull.done === "success" ? 100 : (pull.percent ?? 0)}
            color={pull.done === "error" ? "red" : pull.done === "success" ? "teal" : "blue"}
            animated={running}
            aria-label={`Pull progress of ${model}`}
          />
          <Text size="sm" c={pull.done === "error" ? "red" : "dimmed"} role="status">
            {pull.done
              ? pull.message
              : `${pull.status}${pull.percent === undefined ? "" : ` — ${pull.percent}%`}`}
          </Text>
        </Stack>
      )}
    </Stack>
  );
}
