import { Anchor, Button, Divider, PasswordInput, Stack, TextInput } from "@mantine/core";
import { IconLogin2 } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, Navigate, useSearchParams } from "react-router";
import { useApi } from "../api/api-context";
import { ErrorAlert } from "../ui/ErrorAlert";
import { AuthLayout } from "./AuthLayout";
import { safeNext } from "./safe-next";

/**
 * Sign in with email and password; lands on `?next=` (a path of this site) or the home page. With
 * `?tenant=<tenant id>` (the link a tenant admin shares from Settings → single sign-on) it also offers
 * that tenant's single sign-on, which the server starts (auth.ssoStart) and refuses when not configured.
 */
export function SignInPage() {
  const { client, signedIn } = useApi();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const ssoTenant = ssoTenantOf(params.get("tenant"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const logIn = useMutation({
    mutationFn: () => client.auth.logIn({ body: { email, password } }),
  });
  if (signedIn) return <Navigate to={next} replace />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    logIn.mutate();
  };
  return (
    <AuthLayout
      title="Sign in to Gatehouse"
      footer={
        <>
          New here?{" "}
          <Anchor component={Link} to="/sign-up">
            Create an account
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit}>
        <Stack>
          <ErrorAlert error={logIn.error} />
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            data-autofocus
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" loading={logIn.isPending} fullWidth>
            Sign in
          </Button>
          {ssoTenant && (
            <>
              <Divider label="or" labelPosition="center" />
              <Button
                component="a"
                href={`/api/auth/sso/${ssoTenant}/start?${new URLSearchParams({ redirect: next })}`}
                variant="default"
                leftSection={<IconLogin2 size={16} />}
                fullWidth
              >
                Sign in with single sign-on
              </Button>
            </>
          )}
          <Anchor component={Link} to="/reset-password" size="sm" ta="center">
            Forgot your password?
          </Anchor>
        </Stack>
      </form>
    </AuthLayout>
  );
}

/** A tenant id from `?tenant=`, only when it looks like one (it goes into a URL path). */
function ssoTenantOf(value: string | null): string | undefined {
  return value !== null && /^ten_[0-9A-Za-z]{20}$/.test(value) ? value : undefined;
}
