import { ActionIcon, CopyButton, Modal, Tabs, Text, Tooltip } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import { KEY_PLACEHOLDER, type Snippet } from "./code-snippets";
import { highlight } from "./Markdown";

/** The current request as curl and SDK code, each with a copy button; the key is a placeholder. */
export function ViewAsCode({
  opened,
  onClose,
  snippets,
}: {
  opened: boolean;
  onClose(): void;
  snippets: Snippet[];
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="View as code" size="xl">
      <Text size="sm" c="dimmed" mb="sm">
        Set {KEY_PLACEHOLDER.slice(1)} to one of your API keys (API keys page). This gateway speaks the OpenAI
        (Chat Completions and Responses), Anthropic and Gemini APIs.
      </Text>
      <Tabs defaultValue={snippets[0]?.id}>
        <Tabs.List>
          {snippets.map((s) => (
            <Tabs.Tab key={s.id} value={s.id}>
              {s.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {snippets.map((s) => (
          <Tabs.Panel key={s.id} value={s.id} pt="sm" style={{ position: "relative" }}>
            <CopyButton value={s.code}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? "Copied" : "Copy"}>
                  <ActionIcon
                    variant="default"
                    onClick={copy}
                    aria-label={`Copy ${s.label} code`}
                    style={{ position: "absolute", right: 8, top: 18, zIndex: 1 }}
                  >
                    {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
            <pre style={{ margin: 0, maxHeight: "60vh", overflow: "auto" }} data-testid={`snippet-${s.id}`}>
              <code
                className="hljs"
                // biome-ignore lint/security/noDangerouslySetInnerHtml: highlight.js output is escaped text in spans
                dangerouslySetInnerHTML={{ __html: highlight(s.code, s.language) ?? escapeHtml(s.code) }}
              />
            </pre>
          </Tabs.Panel>
        ))}
      </Tabs>
    </Modal>
  );
}

function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
