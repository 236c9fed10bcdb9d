import { Button, Group, Modal, Select, Stack, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { WORKSPACE_ROLES } from "./team-types";
import { useRoles } from "./use-roles";

/** Invites someone by email with a tenant role and, optionally, a role in a workspace. */
export function InviteModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { client } = useApi();
  const scope = useScope();
  const queryClient = useQueryClient();
  const { grantable } = useRoles();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("member");
  const [workspaceId, setWorkspaceId] = useState<string | null>(scope.workspace?.id ?? null);
  const [chosenWorkspaceRole, setWorkspaceRole] = useState<(typeof WORKSPACE_ROLES)[number]>();
  // Until chosen, the workspace role follows the tenant role (a viewer joins as a viewer, never more).
  const workspaceRole = chosenWorkspaceRole ?? WORKSPACE_ROLES.find((r) => r === role) ?? "viewer";
  const [expires, setExpires] = useState("7");
  const invite = useMutation({
    mutationFn: () =>
      client.invitations.create({
        params: { tenantId: scope.tenantId },
        body: {
          email,
          role,
          expiresInDays: Number(expires),
          ...(workspaceId ? { workspaceId, workspaceRole } : {}),
        },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["invitations.list", scope.tenantId] });
      setEmail("");
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate();
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Invite a member" size="md">
      <form onSubmit={submit}>
        <Stack>
          <ErrorAlert error={invite.error} />
          <TextInput
            label="Email"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            data-autofocus
          />
          <Select
            label="Tenant role"
            description="What they may do across the tenant."
            data={grantable}
            value={role}
            onChange={(v) => setRole(v ?? "member")}
            allowDeselect={false}
          />
          <Group grow align="flex-start">
            <Select
              label="Workspace"
              description="Optional: also join a workspace."
              placeholder="No workspace"
              data={scope.workspaces.map((w) => ({ value: w.id, label: w.name }))}
              value={workspaceId}
              onChange={setWorkspaceId}
              clearable
            />
            <Select
              label="Workspace role"
              description="Rights inside that workspace."
              data={WORKSPACE_ROLES.map((r) => ({ value: r, label: r }))}
              value={workspaceRole}
              onChange={(v) => setWorkspaceRole((v ?? "viewer") as typeof workspaceRole)}
              disabled={!workspaceId}
              allowDeselect={false}
            />
          </Group>
          <Select
            label="The link works for"
            data={[
              { value: "1", label: "1 day" },
              { value: "7", label: "7 days" },
              { value: "30", label: "30 days" },
            ]}
            value={expires}
            onChange={(v) => setExpires(v ?? "7")}
            allowDeselect={false}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={invite.isPending}>
              Send invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
