import { Badge, Button, Card, Group, Table, Text } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { EmptyState } from "../../ui/EmptyState";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { PageLoader } from "../../ui/PageLoader";
import { RoleEditorModal } from "./RoleEditorModal";
import type { Role } from "./team-types";
import { useRoles } from "./use-roles";

/** The built-in roles (read-only, with their permissions) and the tenant's custom roles (editable). */
export function RolesTab() {
  const { client } = useApi();
  const scope = useScope();
  const queryClient = useQueryClient();
  const { roles, items } = useRoles();
  const [open, setOpen] = useState<Role | "new">();
  const manage = scope.can("roles:manage");
  // The owner role holds every permission: the editor's full list, in the server's order.
  const allPermissions = items.find((r) => r.id === "owner")?.permissions ?? [];
  const remove = useMutation({
    mutationFn: (id: string) => client.roles.delete({ params: { tenantId: scope.tenantId, roleId: id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["roles.list", scope.tenantId] }),
  });
  const custom = items.filter((r) => !r.builtIn);
  return (
    <>
      {manage && (
        <Group justify="flex-end" mb="md">
          <Button leftSection={<IconPlus size={16} />} variant="light" onClick={() => setOpen("new")}>
            New custom role
          </Button>
        </Group>
      )}
      <ErrorAlert error={roles.error ?? remove.error} mb="md" />
      {roles.isLoading && <PageLoader />}
      {roles.data && (
        <Card withBorder p={0}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Role</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Permissions</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td fw={500}>{r.name}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={r.builtIn ? "gray" : "violet"}>
                      {r.builtIn ? "built-in" : "custom"}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed" lineClamp={1} maw={520}>
                      {r.permissions.length} — {r.permissions.join(", ")}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => setOpen(r)}
                        aria-label={`${!r.builtIn && manage ? "Edit" : "View"} role ${r.name}`}
                      >
                        {!r.builtIn && manage ? "Edit" : "View"}
                      </Button>
                      {!r.builtIn && manage && (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          aria-label={`Delete role ${r.name}`}
                          loading={remove.isPending && remove.variables === r.id}
                          onClick={() =>
                            window.confirm(`Delete the role “${r.name}”?`) && remove.mutate(r.id)
                          }
                        >
                          Delete
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {custom.length === 0 && (
            <EmptyState title="No custom roles yet">
              {manage
                ? "Create a custom role to grant exactly the permissions a job needs."
                : "An admin can create custom roles with exactly the permissions a job needs."}
            </EmptyState>
          )}
        </Card>
      )}
      <RoleEditorModal role={open} allPermissions={allPermissions} onClose={() => setOpen(undefined)} />
    </>
  );
}
