/** A tiny fetch wrapper for the control-plane end-to-end tests: JSON in, status and JSON out. */
export function apiClient(baseUrl: string) {
  return async function call(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
    // biome-ignore lint/suspicious/noExplicitAny: tests read answers field by field and assert each one
  ): Promise<{ status: number; json: any; text: string; headers: Headers }> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      // A 302 (single sign-on) is the answer under test, not the page it points to.
      redirect: "manual",
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text, headers: res.headers };
  };
}

/** The token a link in an email carries (`...#token=ghx_...`). */
export function tokenInEmail(text: string): string {
  const match = /#token=([A-Za-z0-9_-]+)/.exec(text);
  if (match === null) throw new Error(`no token link in: ${text.slice(0, 200)}`);
  return match[1]!;
}
