import { Badge, Button, Card, Group, Select, Table } from "@mantine/core";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { CursorPager } from "../../ui/CursorPager";
import { EmptyState } from "../../ui/EmptyState";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatTime } from "../../ui/format";
import { PageLoader } from "../../ui/PageLoader";
import { useCursorPage } from "../../ui/use-cursor-page";
import { useUrlState } from "../../ui/use-url-state";
import type { Invitation } from "./team-types";
import { useRoles } from "./use-roles";

const STATUS_COLORS = { pending: "blue", accepted: "green", revoked: "red", expired: "gray" } as const;

/** Invitations (pending by default; the status filter in the URL) and revoking a pending one. */
export function InvitationsTab({ onInvite }: { onInvite?: (() => void) | undefined }) {
  const { client } = useApi();
  const scope = useScope();
  const queryClient = useQueryClient();
  const { nameOf } = useRoles();
  const [filters, setFilters] = useUrlState(["invitationStatus"]);
  const status = (filters.invitationStatus ?? "pending") as Invitation["status"] | "all";
  const pager = useCursorPage();
  const manage = scope.can("members:manage");
  const query = {
    limit: 50,
    order: "desc" as const,
    ...(pager.cursor ? { cursor: pager.cursor } : {}),
    ...(status === "all" ? {} : { status }),
  };
  const invitations = useQuery({
    queryKey: ["invitations.list", scope.tenantId, query],
    queryFn: () => client.invitations.list({ params: { tenantId: scope.tenantId }, query }),
    placeholderData: keepPreviousData,
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      client.invitations.revoke({ params: { tenantId: scope.tenantId, invitationId: id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["invitations.list", scope.tenantId] }),
  });
  const workspaceName = (id: string | null) =>
    id === null ? "—" : (scope.workspaces.find((w) => w.id === id)?.name ?? id);
  return (
    <>
      <Group mb="md">
        <Select
          label="Status"
          data={[
            { value: "pending", label: "Pending" },
            { value: "accepted", label: "Accepted" },
            { value: "revoked", label: "Revoked" },
            { value: "expired", label: "Expired" },
            { value: "all", label: "All" },
          ]}
          value={status}
          onChange={(v) => setFilters({ invitationStatus: v === "pending" ? undefined : (v ?? undefined) })}
          allowDeselect={false}
          w={180}
        />
      </Group>
      <ErrorAlert error={invitations.error ?? revoke.error} mb="md" />
      {invitations.isLoading && <PageLoader />}
      {invitations.data && invitations.data.items.length === 0 && (
        <Card withBorder>
          <EmptyState
            title={status === "pending" ? "No pending invitations" : "No invitations here"}
            action={
              manage && onInvite ? (
                <Button onClick={onInvite} variant="light">
                  Invite member
                </Button>
              ) : undefined
            }
          >
            Invite people by email: they choose a password from the link and join with the role you pick.
          </EmptyState>
        </Card>
      )}
      {invitations.data && invitations.data.items.length > 0 && (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Workspace</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  {manage && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {invitations.data.items.map((i) => (
                  <Table.Tr key={i.id}>
                    <Table.Td>{i.email}</Table.Td>
                    <Table.Td>{nameOf(i.role)}</Table.Td>
                    <Table.Td>
                      {workspaceName(i.workspaceId)}
                      {i.workspaceRole ? ` (${i.workspaceRole})` : ""}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLORS[i.status]} variant="light">
                        {i.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{formatTime(i.expiresAt)}</Table.Td>
                    {manage && (
                      <Table.Td>
                        {i.status === "pending" && (
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            aria-label={`Revoke the invitation of ${i.email}`}
                            loading={revoke.isPending && revoke.variables === i.id}
                            onClick={() => revoke.mutate(i.id)}
                          >
                            Revoke
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      <CursorPager pager={pager} nextCursor={invitations.data?.nextCursor} loading={invitations.isFetching} />
    </>
  );
}
