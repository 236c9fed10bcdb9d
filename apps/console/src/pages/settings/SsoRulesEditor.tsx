import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";

/** One group→role rule as the form edits it (empty strings for "none"). */
export interface RuleDraft {
  group: string;
  tenantRole: string;
  workspace: string;
  workspaceRole: string;
}

export const TENANT_ROLES = ["owner", "admin", "member", "viewer", "billing"];
const WORKSPACE_ROLES = ["admin", "member", "viewer"];

/** The identity provider's groups → Gatehouse roles, one row per rule. */
export function SsoRulesEditor({
  rules,
  onChange,
  readOnly,
}: {
  rules: RuleDraft[];
  onChange: (rules: RuleDraft[]) => void;
  readOnly: boolean;
}) {
  const set = (i: number, patch: Partial<RuleDraft>) =>
    onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        Group → role rules
      </Text>
      {rules.length === 0 && (
        <Text size="sm" c="dimmed">
          No rule: people get the default role below, or no access.
        </Text>
      )}
      {rules.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
        <Group key={i} gap="xs" align="flex-end" wrap="wrap">
          <TextInput
            label={`Rule ${i + 1} group`}
            value={r.group}
            readOnly={readOnly}
            onChange={(e) => set(i, { group: e.currentTarget.value })}
            w={180}
          />
          <Select
            label="Tenant role"
            data={TENANT_ROLES}
            clearable
            value={r.tenantRole || null}
            readOnly={readOnly}
            onChange={(v) => set(i, { tenantRole: v ?? "" })}
            w={130}
          />
          <TextInput
            label="Workspace"
            placeholder="name or ws_…"
            value={r.workspace}
            readOnly={readOnly}
            onChange={(e) => set(i, { workspace: e.currentTarget.value })}
            w={150}
          />
          <Select
            label="Workspace role"
            data={WORKSPACE_ROLES}
            clearable
            value={r.workspaceRole || null}
            readOnly={readOnly}
            onChange={(v) => set(i, { workspaceRole: v ?? "" })}
            w={130}
          />
          {!readOnly && (
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={`Remove rule ${i + 1}`}
              onClick={() => onChange(rules.filter((_, j) => j !== i))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          )}
        </Group>
      ))}
      {!readOnly && (
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} />}
          style={{ alignSelf: "flex-start" }}
          onClick={() =>
            onChange([...rules, { group: "", tenantRole: "", workspace: "", workspaceRole: "" }])
          }
        >
          Add a rule
        </Button>
      )}
    </Stack>
  );
}
