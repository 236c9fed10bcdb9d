import { createTheme } from "@mantine/core";

/** The console's Mantine theme: one accent colour, system fonts, visible keyboard focus. */
export const theme = createTheme({
  primaryColor: "blue",
  defaultRadius: "md",
  focusRing: "auto",
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
  fontFamilyMonospace: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace",
});

/** Where the chosen colour scheme is kept (Mantine's own key, so it applies before the first paint). */
export const COLOR_SCHEME_KEY = "gatehouse-color-scheme";
