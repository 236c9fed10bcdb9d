import {
  Button,
  Group,
  NumberInput,
  PasswordInput,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { ErrorAlert } from "../../ui/ErrorAlert";

/** The SMTP settings as `smtp.get` answers them. */
export interface SmtpView {
  source: "settings" | "env" | "none";
  host: string | null;
  port: number | null;
  secure: boolean | null;
  username: string | null;
  hasPassword: boolean;
  from: string | null;
}

/** Sets the installation's SMTP server here (overriding the environment's), or removes it. */
export function SmtpForm({ current }: { current: SmtpView }) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const own = current.source === "settings";
  const [host, setHost] = useState(own ? (current.host ?? "") : "");
  const [port, setPort] = useState<number | string>(own ? (current.port ?? 587) : 587);
  const [secure, setSecure] = useState(own ? current.secure === true : false);
  const [username, setUsername] = useState(own ? (current.username ?? "") : "");
  const [password, setPassword] = useState("");
  const [from, setFrom] = useState(own ? (current.from ?? "") : "");
  const done = async (message: string) => {
    setPassword("");
    await queryClient.invalidateQueries({ queryKey: ["smtp.get"] });
    notifications.show({ message });
  };
  const save = useMutation({
    mutationFn: () =>
      client.smtp.put({
        body: {
          host: host.trim(),
          port: Number(port),
          secure,
          username: username.trim() === "" ? null : username.trim(),
          ...(password !== "" && { password }),
          from: from.trim(),
        },
      }),
    onSuccess: () => done("SMTP settings saved: email goes through this server now."),
  });
  const remove = useMutation({
    mutationFn: () => client.smtp.delete(),
    onSuccess: () => done("SMTP settings removed: the environment's server applies again."),
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm">
        <Title order={3} size="h5">
          {own ? "SMTP server set here" : "Set an SMTP server here (overrides the environment)"}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="SMTP host"
            required
            value={host}
            onChange={(e) => setHost(e.currentTarget.value)}
          />
          <NumberInput
            label="Port"
            required
            min={1}
            max={65535}
            allowDecimal={false}
            value={port}
            onChange={setPort}
          />
          <TextInput
            label="SMTP user"
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
          />
          <PasswordInput
            label="SMTP password"
            description={
              own && current.hasPassword
                ? "A password is stored (never shown). Leave empty to keep it."
                : undefined
            }
            autoComplete="off"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <TextInput
            label="Sender"
            placeholder="Gatehouse <no-reply@example.com>"
            required
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
        </SimpleGrid>
        <Switch
          label="TLS from the start (smtps, usually port 465); otherwise STARTTLS when offered"
          checked={secure}
          onChange={(e) => setSecure(e.currentTarget.checked)}
        />
        <ErrorAlert error={save.error ?? remove.error} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save SMTP server
          </Button>
          {own && (
            <Button color="red" variant="subtle" loading={remove.isPending} onClick={() => remove.mutate()}>
              Remove (use the environment's)
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
