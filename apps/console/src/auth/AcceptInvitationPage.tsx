import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, Navigate } from "react-router";
import { useApi } from "../api/api-context";
import { ErrorAlert } from "../ui/ErrorAlert";
import { AuthLayout } from "./AuthLayout";
import { useFragmentParams } from "./use-fragment-params";

/**
 * Where an invitation email's link lands (`/accept-invitation#token=…`): a new person sets their name and
 * password; someone with an account already proves it with their password (the name is then ignored).
 * Accepting signs in and opens the tenant.
 */
export function AcceptInvitationPage() {
  const { client } = useApi();
  const token = useFragmentParams().get("token") ?? "";
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const accept = useMutation({
    mutationFn: () =>
      client.invitations.accept({ body: { token, password, ...(name.trim() ? { name } : {}) } }),
  });
  if (accept.isSuccess) return <Navigate to="/" replace />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    accept.mutate();
  };
  return (
    <AuthLayout title="Join your team on Gatehouse">
      {token === "" ? (
        <Stack>
          <Text>This link has no invitation in it. Open the link from the invitation email again.</Text>
          <Anchor component={Link} to="/sign-in">
            Go to sign-in
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <Text size="sm" c="dimmed">
              New to Gatehouse? Choose your name and a password. Already have an account? Enter its password.
            </Text>
            <ErrorAlert error={accept.error} />
            <TextInput
              label="Name"
              description="For a new account."
              autoComplete="name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              data-autofocus
            />
            <PasswordInput
              label="Password"
              description="At least 12 characters for a new account."
              autoComplete="new-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={accept.isPending} fullWidth>
              Accept invitation
            </Button>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
