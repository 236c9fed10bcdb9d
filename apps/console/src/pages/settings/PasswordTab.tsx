import { Alert, Button, Paper, PasswordInput, Stack, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { ErrorAlert } from "../../ui/ErrorAlert";

/**
 * Changes the password. The server ends every session of the user, this one included; the SDK's
 * refresh then fails and the console returns to sign-in, which the warning says beforehand.
 */
export function PasswordTab() {
  const { client } = useApi();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const mismatch = repeat !== "" && repeat !== next;
  const change = useMutation({
    mutationFn: () => client.auth.changePassword({ body: { currentPassword: current, newPassword: next } }),
    onSuccess: () => {
      setCurrent("");
      setNext("");
      setRepeat("");
      notifications.show({ message: "Password changed. Sign in again with the new one." });
    },
  });
  return (
    <Paper withBorder p="lg" maw={560}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!mismatch) change.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            Change password
          </Title>
          <Alert variant="light" color="blue">
            Changing your password signs you out everywhere: every other browser and device, and this one.
          </Alert>
          <PasswordInput
            label="Current password"
            required
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
          />
          <PasswordInput
            label="New password"
            description="At least 12 characters."
            required
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
          />
          <PasswordInput
            label="Repeat the new password"
            required
            autoComplete="new-password"
            value={repeat}
            error={mismatch ? "The two passwords differ." : undefined}
            onChange={(e) => setRepeat(e.currentTarget.value)}
          />
          <ErrorAlert error={change.error} />
          <Button
            type="submit"
            loading={change.isPending}
            disabled={current === "" || next.length < 12 || next !== repeat}
            style={{ alignSelf: "flex-start" }}
          >
            Change password
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
