import { Anchor, Center, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { ColorSchemeToggle } from "../shell/ColorSchemeToggle";
import { Logo } from "../shell/Logo";

/** The frame of the signed-out pages: the logo, a card with the form, and links below it. */
export function AuthLayout({
  title,
  children,
  footer,
}: {
  title: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <Center mih="100vh" p="md">
      <Stack w="100%" maw={420} gap="lg">
        <Group justify="space-between">
          <Anchor component={Link} to="/" underline="never" aria-label="Gatehouse home">
            <Logo />
          </Anchor>
          <ColorSchemeToggle />
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Title order={2} size="h3" mb="lg">
            {title}
          </Title>
          {children}
        </Paper>
        {footer && (
          <Text size="sm" c="dimmed" ta="center">
            {footer}
          </Text>
        )}
      </Stack>
    </Center>
  );
}
