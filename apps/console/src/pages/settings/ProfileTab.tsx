import { Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { PageLoader } from "../../ui/PageLoader";

/** The person's name (editable), email and whether it is verified (with a resend). */
export function ProfileTab() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: ["auth.me"], queryFn: () => client.auth.me() });
  const [name, setName] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (value: string) => client.auth.updateProfile({ body: { name: value } }),
    onSuccess: async () => {
      setName(undefined);
      await queryClient.invalidateQueries({ queryKey: ["auth.me"] });
      notifications.show({ message: "Your name was saved." });
    },
  });
  const resend = useMutation({
    mutationFn: () => client.auth.requestEmailVerification(),
    onSuccess: () => notifications.show({ message: "A verification link is on its way." }),
  });
  if (me.isPending) return <PageLoader />;
  if (me.error) return <ErrorAlert error={me.error} />;
  const user = me.data.user;
  const value = name ?? user.name;
  return (
    <Paper withBorder p="lg" maw={560}>
      <Stack>
        <Title order={2} size="h4">
          Profile
        </Title>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(value);
          }}
        >
          <Stack gap="sm">
            <TextInput
              label="Name"
              required
              value={value}
              onChange={(e) => setName(e.currentTarget.value)}
              maxLength={100}
            />
            <ErrorAlert error={save.error} />
            <Group>
              <Button
                type="submit"
                loading={save.isPending}
                disabled={value.trim() === "" || value === user.name}
              >
                Save name
              </Button>
            </Group>
          </Stack>
        </form>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Email
          </Text>
          <Group gap="sm">
            <Text>{user.email}</Text>
            {user.emailVerified ? (
              <Badge color="green" variant="light">
                Verified
              </Badge>
            ) : (
              <Badge color="yellow" variant="light">
                Not verified
              </Badge>
            )}
          </Group>
          {!user.emailVerified && (
            <Group gap="sm" mt={4}>
              <Button variant="default" size="xs" loading={resend.isPending} onClick={() => resend.mutate()}>
                Send the verification link again
              </Button>
              <Text size="xs" c="dimmed">
                Verified addresses can receive password resets and invitations.
              </Text>
            </Group>
          )}
          <ErrorAlert error={resend.error} />
        </Stack>
      </Stack>
    </Paper>
  );
}
