import { Group, SegmentedControl, Select, TextInput } from "@mantine/core";
import { useScope } from "../../scope/scope-context";
import { fromLocalInput, RANGE_PRESETS, resolveRange, toLocalInput } from "./activity-range";
import type { ActivityView } from "./use-activity-data";

type Changes = Partial<Record<"range" | "from" | "to" | "group" | "workspace" | "model", string | undefined>>;

const GROUPS = [
  { value: "", label: "No grouping" },
  { value: "model", label: "Model" },
  { value: "provider", label: "Provider" },
  { value: "key", label: "API key" },
  { value: "user", label: "User" },
  { value: "workspace", label: "Workspace" },
];

/** The range (presets or custom from–to), the grouping and the filters; every change lands in the URL. */
export function ActivityControls({ view, set }: { view: ActivityView; set: (changes: Changes) => void }) {
  const { workspaces } = useScope();
  const custom = view.range === "custom" ? resolveRange("custom", view.from, view.to, Date.now()) : undefined;
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <SegmentedControl
        aria-label="Time range"
        value={view.range}
        data={[
          ...RANGE_PRESETS.map((p) => ({ value: p.value, label: p.label })),
          { value: "custom", label: "Custom" },
        ]}
        onChange={(range) => {
          if (range !== "custom") return set({ range, from: undefined, to: undefined });
          // A custom range starts as the preset shown, so the user adjusts rather than types both ends.
          const now = Date.now();
          const { from } = resolveRange(view.range, view.from, view.to, now);
          set({ range, from: String(from), to: String(now) });
        }}
      />
      {custom && (
        <>
          <TextInput
            type="datetime-local"
            label="From"
            size="xs"
            value={toLocalInput(custom.from)}
            onChange={(e) => {
              const ms = fromLocalInput(e.currentTarget.value);
              if (ms !== undefined) set({ from: String(ms) });
            }}
          />
          <TextInput
            type="datetime-local"
            label="To"
            size="xs"
            value={toLocalInput(custom.to)}
            onChange={(e) => {
              const ms = fromLocalInput(e.currentTarget.value);
              if (ms !== undefined) set({ to: String(ms) });
            }}
          />
        </>
      )}
      <Select
        label="Group by"
        size="xs"
        w={150}
        data={GROUPS}
        value={view.group ?? ""}
        allowDeselect={false}
        onChange={(group) => set({ group: group ?? undefined })}
      />
      <Select
        label="Workspace"
        size="xs"
        w={180}
        data={[
          { value: "", label: "All workspaces" },
          ...workspaces.map((w) => ({ value: w.id, label: w.name })),
        ]}
        value={view.workspace ?? ""}
        allowDeselect={false}
        onChange={(workspace) => set({ workspace: workspace ?? undefined })}
      />
      <TextInput
        label="Model"
        size="xs"
        w={180}
        placeholder="Any model"
        defaultValue={view.model ?? ""}
        key={view.model ?? ""}
        onBlur={(e) => set({ model: e.currentTarget.value.trim() || undefined })}
        onKeyDown={(e) => {
          if (e.key === "Enter") set({ model: e.currentTarget.value.trim() || undefined });
        }}
      />
    </Group>
  );
}
