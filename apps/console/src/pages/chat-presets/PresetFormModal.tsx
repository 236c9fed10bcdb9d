import { Button, Group, Modal, NumberInput, Stack, Switch, Textarea, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { PresetToolsField } from "./PresetToolsField";
import { parsePresetTools, toolsText } from "./preset-tools";
import type { Preset } from "./preset-types";

/** A number field's value → the API's (an empty field leaves the parameter unset). */
const num = (v: string | number) => (typeof v === "number" ? v : undefined);

/**
 * Creates a preset, or edits `preset` (its author only: the page offers Edit to the author alone): name,
 * description, model, system prompt, parameters, tools and sharing.
 */
export function PresetFormModal({
  preset,
  opened,
  onClose,
}: {
  preset: Preset | undefined;
  opened: boolean;
  onClose: () => void;
}) {
  const { client } = useApi();
  const scope = useScope();
  const queryClient = useQueryClient();
  const [name, setName] = useState(preset?.name ?? "");
  const [description, setDescription] = useState(preset?.description ?? "");
  const [systemPrompt, setSystemPrompt] = useState(preset?.systemPrompt ?? "");
  const [model, setModel] = useState(preset?.model ?? "");
  const [temperature, setTemperature] = useState<string | number>(preset?.parameters.temperature ?? "");
  const [topP, setTopP] = useState<string | number>(preset?.parameters.topP ?? "");
  const [maxTokens, setMaxTokens] = useState<string | number>(preset?.parameters.maxTokens ?? "");
  const [shared, setShared] = useState(preset?.shared ?? false);
  const [tools, setTools] = useState(toolsText(preset?.tools ?? []));
  const parsedTools = parsePresetTools(tools);
  const params = { tenantId: scope.tenantId, workspaceId: scope.workspace?.id ?? "" };

  const save = useMutation({
    mutationFn: () => {
      const parameters = {
        ...(num(temperature) !== undefined && { temperature: num(temperature) }),
        ...(num(topP) !== undefined && { topP: num(topP) }),
        ...(num(maxTokens) !== undefined && { maxTokens: num(maxTokens) }),
      };
      // The button is off while the tools have a problem; this guards a submit by Enter all the same.
      if ("error" in parsedTools) throw new Error(`Tools: ${parsedTools.error}`);
      const body = { name, description, systemPrompt, model, parameters, tools: parsedTools.tools, shared };
      return preset === undefined
        ? client.presets.create({ params, body })
        : client.presets.update({ params: { ...params, presetId: preset.id }, body });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["presets.list"] });
      onClose();
    },
  });

  return (
    <Modal opened={opened} onClose={onClose} title={preset ? "Edit preset" : "New preset"} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <TextInput
            label="Name"
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <TextInput
            label="Description"
            maxLength={1000}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <TextInput
            label="Model"
            required
            placeholder="openai/gpt-4o"
            value={model}
            onChange={(e) => setModel(e.currentTarget.value)}
          />
          <Textarea
            label="System prompt"
            autosize
            minRows={4}
            maxRows={12}
            value={systemPrompt}
            onChange={(e) => setSystemPrompt(e.currentTarget.value)}
          />
          <Group grow>
            <NumberInput
              label="Temperature"
              min={0}
              max={2}
              step={0.1}
              decimalScale={2}
              value={temperature}
              onChange={setTemperature}
            />
            <NumberInput
              label="Top P"
              min={0}
              max={1}
              step={0.05}
              decimalScale={2}
              value={topP}
              onChange={setTopP}
            />
            <NumberInput
              label="Max tokens"
              min={1}
              max={1_000_000}
              allowDecimal={false}
              value={maxTokens}
              onChange={setMaxTokens}
            />
          </Group>
          <PresetToolsField
            value={tools}
            error={"error" in parsedTools ? parsedTools.error : null}
            onChange={setTools}
          />
          <Switch
            label="Share with the workspace (members can use it; only you can change it)"
            checked={shared}
            onChange={(e) => setShared(e.currentTarget.checked)}
          />
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={"error" in parsedTools}>
              {preset ? "Save" : "Create preset"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
