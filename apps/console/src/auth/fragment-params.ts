/**
 * The parameters an emailed or single sign-on link carries in its fragment (`#token=…`, `#code=…`):
 * a fragment never reaches a server or an access log.
 */
export function readFragmentParams(): URLSearchParams {
  return new URLSearchParams(window.location.hash.replace(/^#/, ""));
}

/** Removes the fragment from the address bar, so the one-time secret does not stay in the history. */
export function clearFragment(): void {
  if (!window.location.hash) return;
  window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
}
