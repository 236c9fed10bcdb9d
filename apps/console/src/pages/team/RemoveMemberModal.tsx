import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import type { Member } from "./team-types";

/** Asks before removing a member from the tenant: their keys in it are revoked. */
export function RemoveMemberModal({ member, onClose }: { member: Member | undefined; onClose: () => void }) {
  const { client } = useApi();
  const { tenantId } = useScope();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (m: Member) => client.members.remove({ params: { tenantId, userId: m.userId } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["members.list", tenantId] });
      void queryClient.invalidateQueries({ queryKey: ["workspaceMembers.list", tenantId] });
      void queryClient.invalidateQueries({ queryKey: ["keys.list", tenantId] });
      onClose();
    },
  });
  return (
    <Modal opened={member !== undefined} onClose={onClose} title="Remove member?">
      {member && (
        <Stack>
          <Text>
            <b>{member.name}</b> ({member.email}) loses access to this tenant, and their API keys in it are
            revoked.
          </Text>
          <ErrorAlert error={remove.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(member)}>
              Remove member
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
