import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { useApi } from "../api/api-context";
import { ErrorAlert } from "../ui/ErrorAlert";
import { AuthLayout } from "./AuthLayout";
import { useFragmentParams } from "./use-fragment-params";

/**
 * Without a token: ask for a reset link by email (the answer is the same whether or not the address has
 * an account). With the emailed token (`/reset-password#token=…`): choose a new password, which ends every
 * session, then sign in with it.
 */
export function ResetPasswordPage() {
  const token = useFragmentParams().get("token");
  return (
    <AuthLayout
      title={token ? "Choose a new password" : "Reset your password"}
      footer={
        <Anchor component={Link} to="/sign-in">
          Back to sign-in
        </Anchor>
      }
    >
      {token ? <NewPasswordForm token={token} /> : <RequestLinkForm />}
    </AuthLayout>
  );
}

function RequestLinkForm() {
  const { client } = useApi();
  const [email, setEmail] = useState("");
  const request = useMutation({
    mutationFn: () => client.auth.requestPasswordReset({ body: { email } }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate();
  };
  if (request.isSuccess)
    return (
      <Alert color="green" variant="light" role="status" title="Check your email">
        If {email} has an account, a link to reset its password is on its way. The link works once.
      </Alert>
    );
  return (
    <form onSubmit={submit}>
      <Stack>
        <Text size="sm" c="dimmed">
          Enter your account's email address and we will send you a link to choose a new password.
        </Text>
        <ErrorAlert error={request.error} />
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          data-autofocus
        />
        <Button type="submit" loading={request.isPending} fullWidth>
          Email me a reset link
        </Button>
      </Stack>
    </form>
  );
}

function NewPasswordForm({ token }: { token: string }) {
  const { client } = useApi();
  const [password, setPassword] = useState("");
  const reset = useMutation({
    mutationFn: () => client.auth.resetPassword({ body: { token, newPassword: password } }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reset.mutate();
  };
  if (reset.isSuccess)
    return (
      <Stack>
        <Alert color="green" variant="light" role="status" title="Password changed">
          Your new password is set and every other session has ended.
        </Alert>
        <Button component={Link} to="/sign-in" fullWidth>
          Sign in
        </Button>
      </Stack>
    );
  return (
    <form onSubmit={submit}>
      <Stack>
        <ErrorAlert error={reset.error} />
        <PasswordInput
          label="New password"
          description="At least 12 characters."
          autoComplete="new-password"
          required
          minLength={12}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          data-autofocus
        />
        <Button type="submit" loading={reset.isPending} fullWidth>
          Set new password
        </Button>
      </Stack>
    </form>
  );
}
