import { Badge, Code, Drawer, Group, ScrollArea, Stack, Table, Text } from "@mantine/core";
import { formatTime } from "../../ui/format";
import type { AuditEntry } from "./audit-types";
import { type DiffRow, diffJson } from "./json-diff";

const CHANGE_COLOR: Record<DiffRow["change"], string | undefined> = {
  added: "var(--mantine-color-green-light)",
  removed: "var(--mantine-color-red-light)",
  changed: "var(--mantine-color-yellow-light)",
  same: undefined,
};

function show(value: unknown): string {
  if (value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** One audit entry: who did what to which object, from where, and the fields it changed. */
export function AuditDetail({ entry, onClose }: { entry: AuditEntry | undefined; onClose: () => void }) {
  const rows = entry ? diffJson(entry.before, entry.after) : [];
  const changed = rows.filter((r) => r.change !== "same").length;
  return (
    <Drawer
      opened={entry !== undefined}
      onClose={onClose}
      position="right"
      size="xl"
      title={entry ? `${entry.action} · ${formatTime(entry.at)}` : ""}
      scrollAreaComponent={ScrollArea.Autosize}
    >
      {entry && (
        <Stack gap="sm" data-testid="audit-detail">
          <Group gap="xs">
            <Text size="sm" fw={500}>
              Actor
            </Text>
            <Text size="sm">
              {entry.actor.kind} {entry.actor.id ?? ""}
            </Text>
          </Group>
          <Group gap="xs">
            <Text size="sm" fw={500}>
              Target
            </Text>
            <Text size="sm">
              {entry.target.kind} {entry.target.id ?? ""}
            </Text>
          </Group>
          <Group gap="xs">
            <Text size="sm" fw={500}>
              From
            </Text>
            <Text size="sm">{entry.ip ?? "—"}</Text>
            <Text size="xs" c="dimmed" lineClamp={1}>
              {entry.userAgent ?? ""}
            </Text>
          </Group>
          <Group gap="xs">
            <Text fw={600}>Changes</Text>
            <Badge variant="light">{changed} field(s) changed</Badge>
          </Group>
          {rows.length === 0 ? (
            <Text size="sm" c="dimmed">
              This action recorded no before or after state.
            </Text>
          ) : (
            <Table withTableBorder fz="xs" aria-label="Before and after">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Field</Table.Th>
                  <Table.Th>Before</Table.Th>
                  <Table.Th>After</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr
                    key={r.path}
                    data-change={r.change}
                    style={{ background: CHANGE_COLOR[r.change] }}
                  >
                    <Table.Td>
                      <Code>{r.path}</Code>
                      {r.change !== "same" && (
                        <Text span size="xs" c="dimmed" ml={6}>
                          {r.change}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ wordBreak: "break-all" }}>{show(r.before)}</Table.Td>
                    <Table.Td style={{ wordBreak: "break-all" }}>{show(r.after)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
