import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconCheck, IconCopy } from "@tabler/icons-react";
import type { IssuedKey } from "./key-types";

/**
 * The secret of a new or rotated key, shown this once: a copy button, and a warning that it cannot be
 * shown again. Closing needs a deliberate click (not a stray click outside).
 */
export function SecretModal({ issued, onClose }: { issued: IssuedKey | undefined; onClose: () => void }) {
  return (
    <Modal
      opened={issued !== undefined}
      onClose={onClose}
      title={issued ? `Your new key: ${issued.key.name}` : ""}
      size="lg"
      closeOnClickOutside={false}
    >
      {issued && (
        <Stack>
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title="Copy it now">
            This is the only time the key is shown. Store it somewhere safe (a secret manager); if you lose
            it, rotate the key to get a new one.
          </Alert>
          <Group wrap="nowrap" align="center" gap="xs">
            <Code
              block
              data-testid="key-secret"
              style={{ flex: 1, wordBreak: "break-all", whiteSpace: "pre-wrap" }}
            >
              {issued.secret}
            </Code>
            <CopyButton value={issued.secret}>
              {({ copied, copy }) => (
                <Button
                  onClick={copy}
                  color={copied ? "teal" : undefined}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                >
                  {copied ? "Copied" : "Copy key"}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="sm" c="dimmed">
            Use it as <Code>Authorization: Bearer …</Code> with any OpenAI-compatible client pointed at this
            Gatehouse's <Code>/v1</Code>.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              I have copied it
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
