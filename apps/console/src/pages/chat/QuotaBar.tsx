import { Group, HoverCard, Progress, Stack, Text, UnstyledButton } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { formatPercent } from "../../ui/format";
import { quotasOf } from "./quota";

/**
 * The member's remaining budget: the budget nearest to its cap among those that apply to their answers
 * here (budgets.mine: organization, workspace, user, their playground key) as a bar, every one of them
 * on hover or focus. Refreshed every 15 seconds and after each answer. Nothing when no budget applies.
 */
export function QuotaBar({ tenantId, workspaceId }: { tenantId: string; workspaceId: string }) {
  const { client } = useApi();
  const mine = useQuery({
    queryKey: ["budgets.mine", tenantId, workspaceId],
    queryFn: () => client.budgets.mine({ params: { tenantId, workspaceId } }),
    refetchInterval: 15_000,
  });
  const quotas = quotasOf(mine.data?.items ?? []);
  const first = quotas[0];
  if (mine.isError)
    return (
      <Text size="xs" c="dimmed" data-testid="quota-bar">
        Budgets unavailable
      </Text>
    );
  if (first === undefined) return null;
  return (
    <HoverCard position="bottom-end" withArrow shadow="md">
      <HoverCard.Target>
        <UnstyledButton
          data-testid="quota-bar"
          aria-label={`${first.label}: ${first.used}, ${first.left}`}
          w={200}
        >
          <Group justify="space-between" gap={4} wrap="nowrap">
            <Text size="xs" c="dimmed" truncate="end">
              {first.label}
            </Text>
            <Text size="xs" c={first.level === "red" ? "red" : "dimmed"} data-testid="quota-left">
              {first.left}
            </Text>
          </Group>
          <Progress
            value={Math.min(100, first.fraction * 100)}
            color={first.level}
            size="sm"
            mt={4}
            aria-hidden
            data-level={first.level}
          />
        </UnstyledButton>
      </HoverCard.Target>
      <HoverCard.Dropdown>
        <Stack gap="xs" maw={320}>
          {quotas.map((q) => (
            <Stack key={q.id} gap={2}>
              <Group justify="space-between" gap="md">
                <Text size="sm">{q.label}</Text>
                <Text size="xs" c="dimmed">
                  {formatPercent(Math.min(q.fraction, 9.99))}
                </Text>
              </Group>
              <Progress value={Math.min(100, q.fraction * 100)} color={q.level} size="sm" />
              <Text size="xs" c="dimmed">
                {q.used} · {q.left}
              </Text>
            </Stack>
          ))}
        </Stack>
      </HoverCard.Dropdown>
    </HoverCard>
  );
}
