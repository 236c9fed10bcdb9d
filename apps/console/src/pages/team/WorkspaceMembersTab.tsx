import { ActionIcon, Button, Card, Group, Select, Table, Text } from "@mantine/core";
import { IconX } from "@tabler/icons-react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { CursorPager } from "../../ui/CursorPager";
import { EmptyState } from "../../ui/EmptyState";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatTime } from "../../ui/format";
import { PageLoader } from "../../ui/PageLoader";
import { useCursorPage } from "../../ui/use-cursor-page";
import { WORKSPACE_ROLES, type WorkspaceMember } from "./team-types";

type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];
const ROLE_DATA = WORKSPACE_ROLES.map((r) => ({ value: r, label: r }));

/** The members of the workspace chosen in the switcher: add a tenant member, change their role, remove. */
export function WorkspaceMembersTab() {
  const { client } = useApi();
  const scope = useScope();
  const queryClient = useQueryClient();
  const pager = useCursorPage();
  const ws = scope.workspace;
  const manage = ws !== undefined && scope.can("workspaces:manage", ws.id);
  const query = { limit: 50, order: "desc" as const, ...(pager.cursor ? { cursor: pager.cursor } : {}) };
  const members = useQuery({
    queryKey: ["workspaceMembers.list", scope.tenantId, ws?.id, query],
    queryFn: () =>
      client.workspaceMembers.list({
        params: { tenantId: scope.tenantId, workspaceId: ws?.id ?? "" },
        query,
      }),
    enabled: ws !== undefined,
    placeholderData: keepPreviousData,
  });
  const invalidate = () =>
    queryClient.invalidateQueries({ queryKey: ["workspaceMembers.list", scope.tenantId] });
  const put = useMutation({
    mutationFn: (v: { userId: string; role: WorkspaceRole }) =>
      client.workspaceMembers.put({
        params: { tenantId: scope.tenantId, workspaceId: ws?.id ?? "", userId: v.userId },
        body: { role: v.role },
      }),
    onSuccess: invalidate,
  });
  const remove = useMutation({
    mutationFn: (m: WorkspaceMember) =>
      client.workspaceMembers.remove({
        params: { tenantId: scope.tenantId, workspaceId: m.workspaceId, userId: m.userId },
      }),
    onSuccess: invalidate,
  });
  if (!ws)
    return (
      <EmptyState title="No workspace">Create a workspace first; its members are listed here.</EmptyState>
    );
  return (
    <>
      <Text size="sm" c="dimmed" mb="md">
        Members of the workspace <b>{ws.name}</b> (choose another in the workspace switcher). A workspace role
        adds rights inside this workspace only.
      </Text>
      {manage && (
        <AddToWorkspace onAdd={(userId, role) => put.mutate({ userId, role })} adding={put.isPending} />
      )}
      <ErrorAlert error={members.error ?? put.error ?? remove.error} mb="md" />
      {members.isLoading && <PageLoader />}
      {members.data && members.data.items.length === 0 && (
        <Card withBorder>
          <EmptyState title="Nobody in this workspace yet">
            Add tenant members to it above, or invite people with this workspace chosen.
          </EmptyState>
        </Card>
      )}
      {members.data && members.data.items.length > 0 && (
        <Card withBorder p={0}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Workspace role</Table.Th>
                <Table.Th>Added</Table.Th>
                {manage && <Table.Th w={60}>Remove</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data.items.map((m) => (
                <Table.Tr key={m.userId}>
                  <Table.Td fw={500}>{m.name}</Table.Td>
                  <Table.Td>{m.email}</Table.Td>
                  <Table.Td>
                    {manage ? (
                      <Select
                        aria-label={`Workspace role of ${m.name}`}
                        data={ROLE_DATA}
                        value={m.role}
                        onChange={(role) =>
                          role && put.mutate({ userId: m.userId, role: role as WorkspaceRole })
                        }
                        allowDeselect={false}
                        size="xs"
                        w={140}
                      />
                    ) : (
                      m.role
                    )}
                  </Table.Td>
                  <Table.Td>{formatTime(m.createdAt)}</Table.Td>
                  {manage && (
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Remove ${m.name} from ${ws.name}`}
                        onClick={() => remove.mutate(m)}
                        loading={remove.isPending && remove.variables?.userId === m.userId}
                      >
                        <IconX size={16} />
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      <CursorPager pager={pager} nextCursor={members.data?.nextCursor} loading={members.isFetching} />
    </>
  );
}

/** Picks a tenant member (the first 200) and a workspace role to add to the workspace. */
function AddToWorkspace({
  onAdd,
  adding,
}: {
  onAdd: (userId: string, role: WorkspaceRole) => void;
  adding: boolean;
}) {
  const { client } = useApi();
  const { tenantId } = useScope();
  const [userId, setUserId] = useState<string | null>(null);
  const [role, setRole] = useState<WorkspaceRole>("member");
  const tenantMembers = useQuery({
    queryKey: ["members.list", tenantId, "picker"],
    queryFn: () => client.members.list({ params: { tenantId }, query: { limit: 200, order: "asc" } }),
  });
  return (
    <Group mb="md" align="flex-end">
      <Select
        label="Add a member"
        placeholder="Search tenant members"
        searchable
        data={(tenantMembers.data?.items ?? []).map((m) => ({
          value: m.userId,
          label: `${m.name} <${m.email}>`,
        }))}
        value={userId}
        onChange={setUserId}
        w={320}
      />
      <Select
        label="As"
        data={ROLE_DATA}
        value={role}
        onChange={(v) => setRole((v ?? "member") as WorkspaceRole)}
        allowDeselect={false}
        w={130}
      />
      <Button disabled={!userId} loading={adding} onClick={() => userId && onAdd(userId, role)}>
        Add to workspace
      </Button>
    </Group>
  );
}
