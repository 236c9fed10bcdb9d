import { Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { PermissionGrid } from "./PermissionGrid";
import type { Role } from "./team-types";

/**
 * Shows a role's permissions: read-only for a built-in role (or without roles:manage), an editor for a
 * custom one, or a new custom role when `role` is "new".
 */
export function RoleEditorModal({
  role,
  allPermissions,
  onClose,
}: {
  role: Role | "new" | undefined;
  allPermissions: readonly string[];
  onClose: () => void;
}) {
  const { client } = useApi();
  const scope = useScope();
  const queryClient = useQueryClient();
  const existing = role === "new" ? undefined : role;
  const readOnly = existing?.builtIn === true || !scope.can("roles:manage");
  const [name, setName] = useState("");
  const [permissions, setPermissions] = useState<string[]>([]);
  useEffect(() => {
    setName(existing?.name ?? "");
    setPermissions(existing ? [...existing.permissions] : []);
  }, [existing]);
  const save = useMutation({
    mutationFn: () => {
      const body = { name, permissions: permissions as Role["permissions"] };
      return existing
        ? client.roles.update({ params: { tenantId: scope.tenantId, roleId: existing.id }, body })
        : client.roles.create({ params: { tenantId: scope.tenantId }, body });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["roles.list", scope.tenantId] });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const title =
    role === "new"
      ? "New custom role"
      : readOnly
        ? `Role: ${existing?.name}`
        : `Edit role: ${existing?.name}`;
  return (
    <Modal opened={role !== undefined} onClose={onClose} title={title} size="xl">
      <form onSubmit={submit}>
        <Stack>
          <ErrorAlert error={save.error} />
          {existing?.builtIn && (
            <Text size="sm" c="dimmed">
              Built-in roles cannot change. Create a custom role to grant a different set.
            </Text>
          )}
          {!readOnly && (
            <TextInput
              label="Name"
              required
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              data-autofocus
            />
          )}
          <PermissionGrid
            all={allPermissions}
            value={permissions}
            onChange={setPermissions}
            readOnly={readOnly}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {readOnly ? "Close" : "Cancel"}
            </Button>
            {!readOnly && (
              <Button type="submit" loading={save.isPending}>
                {role === "new" ? "Create role" : "Save role"}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
