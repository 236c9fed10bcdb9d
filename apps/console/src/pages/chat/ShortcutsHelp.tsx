import { ActionIcon, Kbd, Popover, Stack, Table, Text } from "@mantine/core";
import { IconKeyboard } from "@tabler/icons-react";
import { CHAT_SHORTCUTS, formatShortcut } from "./shortcuts";

const MAC = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

/** The chat's keyboard shortcuts, in a popover opened from a keyboard icon. */
export function ShortcutsHelp() {
  return (
    <Popover position="bottom-end" withArrow shadow="md">
      <Popover.Target>
        <ActionIcon variant="default" size="lg" aria-label="Keyboard shortcuts">
          <IconKeyboard size={18} />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text fw={600} size="sm">
            Keyboard shortcuts
          </Text>
          <Table withRowBorders={false} verticalSpacing={4}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Td>
                  <Kbd>Enter</Kbd>
                </Table.Td>
                <Table.Td>Send the message</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>
                  <Kbd>Shift + Enter</Kbd>
                </Table.Td>
                <Table.Td>New line</Table.Td>
              </Table.Tr>
              {CHAT_SHORTCUTS.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Kbd>{formatShortcut(s.spec, MAC)}</Kbd>
                  </Table.Td>
                  <Table.Td>{s.label}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
