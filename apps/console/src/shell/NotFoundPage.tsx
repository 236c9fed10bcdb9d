import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";

/** A path the console does not know. */
export function NotFoundPage() {
  return (
    <Center mih="60vh">
      <Stack align="center" gap="sm">
        <Title order={2}>Page not found</Title>
        <Text c="dimmed">This address is not a page of the console.</Text>
        <Button component={Link} to="/" variant="light">
          Go to the start page
        </Button>
      </Stack>
    </Center>
  );
}
