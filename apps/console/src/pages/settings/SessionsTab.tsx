import { Badge, Button, Group, Paper, Progress, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { useApi } from "../../api/api-context";
import { CursorPager } from "../../ui/CursorPager";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatAgo, formatTime } from "../../ui/format";
import { PageLoader } from "../../ui/PageLoader";
import { useCursorPage } from "../../ui/use-cursor-page";
import { describeUserAgent } from "./describe-user-agent";

/** The person's signed-in sessions: where and when, ending one, every other one, or all of them. */
export function SessionsTab() {
  const { client, signOut } = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const pager = useCursorPage();
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>();
  const list = useQuery({
    queryKey: ["auth.listSessions", pager.cursor],
    queryFn: () =>
      client.auth.listSessions({ query: { limit: 20, ...(pager.cursor && { cursor: pager.cursor }) } }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["auth.listSessions"] });
  const revoke = useMutation({
    mutationFn: (sessionId: string) => client.auth.revokeSession({ body: { sessionId } }),
    onSuccess: async () => {
      notifications.show({ message: "The session was signed out." });
      await refresh();
    },
  });
  const revokeOthers = useMutation({
    mutationFn: async () => {
      // Every page first (the list shifts as sessions end), then each other session, one by one.
      const others: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.auth.listSessions({ query: { limit: 200, ...(cursor && { cursor }) } });
        others.push(...page.items.filter((s) => !s.current).map((s) => s.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      setProgress({ done: 0, total: others.length });
      for (const [i, id] of others.entries()) {
        await client.auth.revokeSession({ body: { sessionId: id } }).catch(() => {});
        setProgress({ done: i + 1, total: others.length });
      }
      return others.length;
    },
    onSuccess: async (n) => {
      notifications.show({
        message: n === 0 ? "No other session was open." : `${n} other session(s) signed out.`,
      });
      pager.first();
      await refresh();
    },
    onSettled: () => setProgress(undefined),
  });
  const everywhere = useMutation({
    mutationFn: () => client.auth.logOutEverywhere(),
    onSuccess: async () => {
      await signOut();
      navigate("/sign-in");
    },
  });

  return (
    <Paper withBorder p="lg">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <div>
            <Title order={2} size="h4">
              Sessions
            </Title>
            <Text size="sm" c="dimmed">
              Where you are signed in. Sign out a browser you no longer use or do not recognise.
            </Text>
          </div>
          <Group gap="xs">
            <Button variant="default" loading={revokeOthers.isPending} onClick={() => revokeOthers.mutate()}>
              Sign out other sessions
            </Button>
            <Button
              color="red"
              variant="light"
              loading={everywhere.isPending}
              onClick={() => everywhere.mutate()}
            >
              Sign out everywhere
            </Button>
          </Group>
        </Group>
        {progress && progress.total > 0 && (
          <Progress
            value={(progress.done / progress.total) * 100}
            aria-label="Signing out other sessions"
            animated
          />
        )}
        <ErrorAlert error={list.error ?? revoke.error ?? revokeOthers.error ?? everywhere.error} />
        {list.isPending ? (
          <PageLoader />
        ) : (
          list.data && (
            <Table.ScrollContainer minWidth={700}>
              <Table verticalSpacing="xs" aria-label="Active sessions">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Device</Table.Th>
                    <Table.Th>Address</Table.Th>
                    <Table.Th>Signed in</Table.Th>
                    <Table.Th>Last used</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((s) => (
                    <Table.Tr key={s.id} data-testid="session-row">
                      <Table.Td>
                        <Group gap="xs">
                          <Text size="sm" title={s.userAgent ?? undefined}>
                            {describeUserAgent(s.userAgent)}
                          </Text>
                          {s.current && (
                            <Badge size="sm" variant="light" color="green">
                              This browser
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{s.ip ?? "—"}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatTime(s.createdAt)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" title={formatTime(s.lastUsedAt)}>
                          {formatAgo(s.lastUsedAt)}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        {!s.current && (
                          <Button
                            size="xs"
                            variant="default"
                            aria-label={`Sign out ${describeUserAgent(s.userAgent)} (${s.ip ?? "unknown address"})`}
                            loading={revoke.isPending && revoke.variables === s.id}
                            onClick={() => revoke.mutate(s.id)}
                          >
                            Sign out
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        )}
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} loading={list.isFetching} />
      </Stack>
    </Paper>
  );
}
