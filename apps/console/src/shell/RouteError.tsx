import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { useRouteError } from "react-router";

/**
 * What a page that threw while rendering (or whose code failed to load, e.g. after an upgrade) shows
 * instead of a blank screen: what happened and a way out.
 */
export function RouteError() {
  const error = useRouteError();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" gap="sm" maw={520}>
        <Title order={2}>Something went wrong on this page</Title>
        <Text c="dimmed" ta="center">
          {message}
        </Text>
        <Button onClick={() => window.location.reload()} variant="light">
          Reload the page
        </Button>
      </Stack>
    </Center>
  );
}
