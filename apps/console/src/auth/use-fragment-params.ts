import { useEffect, useState } from "react";
import { clearFragment, readFragmentParams } from "./fragment-params";

/**
 * The link's fragment parameters, read when the page opens and again when a new link is opened on the
 * same page (only the fragment changes: no reload); the fragment is then cleared from the address bar.
 */
export function useFragmentParams(): URLSearchParams {
  const [params, setParams] = useState(readFragmentParams);
  useEffect(() => {
    clearFragment();
    const onHashChange = () => {
      if (!window.location.hash) return;
      setParams(readFragmentParams());
      clearFragment();
    };
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, []);
  return params;
}
