/**
 * A user agent as a person reads it: "Chrome on Linux", "Firefox on macOS"; the raw string's start
 * when it names no known browser (an SDK, curl); "Unknown device" when there is none.
 *
 * @example
 * describeUserAgent("Mozilla/5.0 (X11; Linux x86_64) ... Chrome/140.0 Safari/537.36"); // "Chrome on Linux"
 */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return "Unknown device";
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /(Chrome|Chromium|HeadlessChrome)\//.test(ua)
        ? "Chrome"
        : /Safari\//.test(ua)
          ? "Safari"
          : undefined;
  const os = /Windows/.test(ua)
    ? "Windows"
    : /iPhone|iPad/.test(ua)
      ? "iOS"
      : /Mac OS X|Macintosh/.test(ua)
        ? "macOS"
        : /Android/.test(ua)
          ? "Android"
          : /Linux/.test(ua)
            ? "Linux"
            : undefined;
  if (browser === undefined) return ua.slice(0, 40);
  return os === undefined ? browser : `${browser} on ${os}`;
}
