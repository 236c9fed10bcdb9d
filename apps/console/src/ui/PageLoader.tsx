import { Center, Loader } from "@mantine/core";

/** Shown while a page's code or first data loads. */
export function PageLoader({ label = "Loading" }: { label?: string }) {
  return (
    <Center mih={240}>
      <Loader aria-label={label} />
    </Center>
  );
}
