import { Anchor, Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, Navigate } from "react-router";
import { useApi } from "../api/api-context";
import { ErrorAlert } from "../ui/ErrorAlert";
import { AuthLayout } from "./AuthLayout";

/**
 * Create an account (and a tenant of one's own). The server decides whether sign-up is open and for which
 * email domains; its refusal is shown in place.
 */
export function SignUpPage() {
  const { client, signedIn } = useApi();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const signUp = useMutation({
    mutationFn: () => client.auth.signUp({ body: { name, email, password } }),
  });
  if (signedIn) return <Navigate to="/" replace />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signUp.mutate();
  };
  return (
    <AuthLayout
      title="Create your Gatehouse account"
      footer={
        <>
          Already have an account?{" "}
          <Anchor component={Link} to="/sign-in">
            Sign in
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit}>
        <Stack>
          <ErrorAlert error={signUp.error} />
          <TextInput
            label="Name"
            autoComplete="name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-autofocus
          />
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <PasswordInput
            label="Password"
            description="At least 12 characters."
            autoComplete="new-password"
            required
            minLength={12}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" loading={signUp.isPending} fullWidth>
            Create account
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
