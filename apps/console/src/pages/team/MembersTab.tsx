import { ActionIcon, Card, Group, Select, Table, Text, Tooltip } from "@mantine/core";
import { IconUserMinus } from "@tabler/icons-react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { CursorPager } from "../../ui/CursorPager";
import { EmptyState } from "../../ui/EmptyState";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatTime } from "../../ui/format";
import { OrderSelect } from "../../ui/OrderSelect";
import { PageLoader } from "../../ui/PageLoader";
import { useCursorPage } from "../../ui/use-cursor-page";
import { useUrlState } from "../../ui/use-url-state";
import { RemoveMemberModal } from "./RemoveMemberModal";
import type { Member } from "./team-types";
import { useRoles } from "./use-roles";

/** The tenant's members: filter by role (in the URL), change a member's role, remove a member. */
export function MembersTab() {
  const { client } = useApi();
  const scope = useScope();
  const queryClient = useQueryClient();
  const { nameOf, grantable, items: roles } = useRoles();
  const [filters, setFilters] = useUrlState(["role", "order"]);
  const pager = useCursorPage();
  const [removing, setRemoving] = useState<Member>();
  const manage = scope.can("members:manage");
  const query = {
    limit: 50,
    order: filters.order === "asc" ? ("asc" as const) : ("desc" as const),
    ...(pager.cursor ? { cursor: pager.cursor } : {}),
    ...(filters.role ? { role: filters.role } : {}),
  };
  const members = useQuery({
    queryKey: ["members.list", scope.tenantId, query],
    queryFn: () => client.members.list({ params: { tenantId: scope.tenantId }, query }),
    placeholderData: keepPreviousData,
  });
  const changeRole = useMutation({
    mutationFn: (v: { userId: string; role: string }) =>
      client.members.update({
        params: { tenantId: scope.tenantId, userId: v.userId },
        body: { role: v.role },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["members.list", scope.tenantId] }),
  });
  return (
    <>
      <Group mb="md" align="flex-end">
        <Select
          label="Role"
          placeholder="Any role"
          data={roles.map((r) => ({ value: r.id, label: r.name }))}
          value={filters.role ?? null}
          onChange={(v) => setFilters({ role: v ?? undefined })}
          clearable
          w={200}
        />
        <OrderSelect label="Order" value={filters.order} onChange={(order) => setFilters({ order })} />
      </Group>
      <ErrorAlert error={members.error ?? changeRole.error} mb="md" />
      {members.isLoading && <PageLoader />}
      {members.data && members.data.items.length === 0 && (
        <Card withBorder>
          <EmptyState title={filters.role ? "Nobody holds this role" : "No members yet"}>
            {filters.role
              ? "Choose another role, or clear the filter."
              : "Invite people from the Invitations tab."}
          </EmptyState>
        </Card>
      )}
      {members.data && members.data.items.length > 0 && (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={700}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Member since</Table.Th>
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
                          aria-label={`Role of ${m.name}`}
                          data={
                            grantable.some((g) => g.value === m.role)
                              ? grantable
                              : [...grantable, { value: m.role, label: nameOf(m.role) }]
                          }
                          value={m.role}
                          onChange={(role) =>
                            role && role !== m.role && changeRole.mutate({ userId: m.userId, role })
                          }
                          allowDeselect={false}
                          disabled={changeRole.isPending}
                          size="xs"
                          w={180}
                        />
                      ) : (
                        <Text size="sm">{nameOf(m.role)}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>{formatTime(m.createdAt)}</Table.Td>
                    {manage && (
                      <Table.Td>
                        <Tooltip label="Remove from the tenant">
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={`Remove ${m.name}`}
                            onClick={() => setRemoving(m)}
                          >
                            <IconUserMinus size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      <CursorPager pager={pager} nextCursor={members.data?.nextCursor} loading={members.isFetching} />
      <RemoveMemberModal member={removing} onClose={() => setRemoving(undefined)} />
    </>
  );
}
