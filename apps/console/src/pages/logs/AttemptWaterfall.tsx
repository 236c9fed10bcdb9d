import { Badge, Box, Group, Stack, Text, Tooltip } from "@mantine/core";
import { formatMs } from "../../ui/format";
import type { LogAttempt } from "./log-attempts";

const LABEL_WIDTH = 260;
const TICKS = [0, 0.25, 0.5, 0.75, 1];

function colorOf(a: LogAttempt): string {
  if (a.status === null) return "gray";
  if (a.status < 400) return "teal";
  if (a.status === 429) return "orange";
  return "red";
}

/**
 * The attempt chain on one time axis (0 = the request's arrival): each attempt a bar from when it was
 * sent to when its upstream answered or failed; the served attempt continues, lighter, to the end of the
 * request (the answer's body or stream). Plain boxes positioned in percent of the axis.
 */
export function AttemptWaterfall({ attempts, totalMs }: { attempts: LogAttempt[]; totalMs: number | null }) {
  const end = Math.max(1, totalMs ?? 0, ...attempts.map((a) => a.atMs + a.ms));
  const pct = (ms: number) => `${Math.min(100, Math.max(0, (ms / end) * 100))}%`;
  const served = attempts.findLastIndex((a) => a.status !== null && a.status < 400);
  return (
    <Stack gap={6} data-testid="attempt-waterfall" role="list" aria-label="Upstream attempts">
      <Group gap={0} wrap="nowrap" align="flex-end">
        <Box w={LABEL_WIDTH} style={{ flexShrink: 0 }} />
        <Box pos="relative" h={18} style={{ flex: 1 }}>
          {TICKS.map((t) => (
            <Text
              key={t}
              size="xs"
              c="dimmed"
              pos="absolute"
              left={`${t * 100}%`}
              style={{
                transform: t === 0 ? "none" : t === 1 ? "translateX(-100%)" : "translateX(-50%)",
                whiteSpace: "nowrap",
              }}
            >
              {formatMs(t * end)}
            </Text>
          ))}
        </Box>
      </Group>
      {attempts.map((a, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: an attempt is its place in the chain (never reordered)
        <Group key={`${i}-${a.deployment}`} gap={0} wrap="nowrap" role="listitem" data-testid="attempt-row">
          <Stack w={LABEL_WIDTH} gap={0} pr="sm" style={{ flexShrink: 0 }}>
            <Group gap={6} wrap="nowrap">
              <Text size="sm" fw={500} truncate>
                #{i + 1} {a.provider}
              </Text>
              <Badge size="xs" variant="light" color={colorOf(a)}>
                {a.status ?? "no answer"}
              </Badge>
              {a.panic && (
                <Badge size="xs" variant="outline" color="grape">
                  panic
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed" truncate>
              {[a.error, a.model, a.deployment].filter(Boolean).join(" · ")}
            </Text>
          </Stack>
          <Box
            pos="relative"
            h={22}
            style={{ flex: 1, borderLeft: "1px solid var(--mantine-color-default-border)" }}
          >
            {TICKS.slice(1).map((t) => (
              <Box
                key={t}
                pos="absolute"
                top={0}
                bottom={0}
                left={`${t * 100}%`}
                style={{ borderLeft: "1px dashed var(--mantine-color-default-border)" }}
              />
            ))}
            {i === served && totalMs !== null && totalMs > a.atMs + a.ms && (
              <Box
                pos="absolute"
                top={6}
                h={10}
                left={pct(a.atMs + a.ms)}
                w={pct(totalMs - a.atMs - a.ms)}
                bg="teal.2"
                style={{ borderRadius: 3, opacity: 0.7 }}
                title="Answer body / stream"
              />
            )}
            <Tooltip
              label={`sent at ${formatMs(a.atMs)}, ${formatMs(a.ms)} to ${a.status === null ? "failure" : `HTTP ${a.status}`}`}
            >
              <Box
                pos="absolute"
                top={3}
                h={16}
                left={pct(a.atMs)}
                w={`max(3px, ${pct(a.ms)})`}
                bg={`${colorOf(a)}.6`}
                style={{ borderRadius: 3 }}
                data-testid="attempt-bar"
              />
            </Tooltip>
          </Box>
          <Text size="xs" c="dimmed" w={64} ta="right" style={{ flexShrink: 0 }}>
            {formatMs(a.ms)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
