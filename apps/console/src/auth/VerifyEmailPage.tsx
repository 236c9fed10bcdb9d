import { Alert, Anchor, Loader, Stack, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Link } from "react-router";
import { useApi } from "../api/api-context";
import { ErrorAlert } from "../ui/ErrorAlert";
import { AuthLayout } from "./AuthLayout";
import { useFragmentParams } from "./use-fragment-params";

/** Where the verification email's link lands (`/verify-email#token=…`): confirms the address at once. */
export function VerifyEmailPage() {
  const { client, signedIn } = useApi();
  const token = useFragmentParams().get("token") ?? "";
  const verify = useMutation({ mutationFn: () => client.auth.verifyEmail({ body: { token } }) });
  const { mutate } = verify;
  // Once: each token is single use (a second try would fail and hide the first one's answer).
  const started = useRef<string>(undefined);
  useEffect(() => {
    if (!token || started.current === token) return;
    started.current = token;
    mutate();
  }, [token, mutate]);
  return (
    <AuthLayout
      title="Verify your email"
      footer={
        <Anchor component={Link} to={signedIn ? "/" : "/sign-in"}>
          {signedIn ? "Go to the console" : "Go to sign-in"}
        </Anchor>
      }
    >
      <Stack>
        {token === "" && <Text>This link has no token in it. Open the link from the email again.</Text>}
        {verify.isPending && (
          <Stack align="center">
            <Loader aria-label="Verifying" />
            <Text size="sm">Verifying your address…</Text>
          </Stack>
        )}
        <ErrorAlert error={verify.error} />
        {verify.isSuccess && (
          <Alert color="green" variant="light" role="status" title="Email verified">
            Thank you: your email address is confirmed.
          </Alert>
        )}
      </Stack>
    </AuthLayout>
  );
}
