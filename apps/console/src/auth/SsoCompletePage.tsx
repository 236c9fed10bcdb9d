import { Anchor, Loader, Stack, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Link, Navigate } from "react-router";
import { useApi } from "../api/api-context";
import { ErrorAlert } from "../ui/ErrorAlert";
import { AuthLayout } from "./AuthLayout";
import { safeNext } from "./safe-next";
import { useFragmentParams } from "./use-fragment-params";

/**
 * Where a single sign-on login ends (`/sso/complete#code=…&redirect=…`): trades the one-time code for a
 * session (auth.ssoExchange, valid 60 s) and opens the page the login started from.
 */
export function SsoCompletePage() {
  const { client } = useApi();
  const params = useFragmentParams();
  const code = params.get("code") ?? "";
  // A login step that failed in the browser's navigation (not configured, refused by the provider).
  const failure = params.get("error");
  const next = safeNext(params.get("redirect"));
  const exchange = useMutation({ mutationFn: () => client.auth.ssoExchange({ body: { code } }) });
  const { mutate } = exchange;
  // Once: each token is single use (a second try would fail and hide the first one's answer).
  const started = useRef<string>(undefined);
  useEffect(() => {
    if (!code || started.current === code) return;
    started.current = code;
    mutate();
  }, [code, mutate]);
  if (exchange.isSuccess) return <Navigate to={next} replace />;
  return (
    <AuthLayout
      title="Signing you in"
      footer={
        <Anchor component={Link} to="/sign-in">
          Back to sign-in
        </Anchor>
      }
    >
      <Stack>
        {failure !== null && (
          <ErrorAlert
            title="Single sign-on did not complete"
            error={new Error(params.get("message") ?? failure)}
            data-testid="sso-failure"
          />
        )}
        {code === "" && failure === null && (
          <Text>This single sign-on link has no code in it. Start the sign-in again.</Text>
        )}
        {exchange.isPending && (
          <Stack align="center">
            <Loader aria-label="Signing in" />
            <Text size="sm">Finishing single sign-on…</Text>
          </Stack>
        )}
        <ErrorAlert error={exchange.error} />
      </Stack>
    </AuthLayout>
  );
}
