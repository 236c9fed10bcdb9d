import { useEffect, useState } from "react";
import type { mathPlugins as MathPlugins } from "./math-plugins";

type Plugins = typeof MathPlugins;

/** A quick look for math delimiters (after normalizeMath: `$…$`, `$$…$$`); a false positive only loads KaTeX. */
export function mayHoldMath(text: string): boolean {
  return /\$\$|(^|[^\\])\$[^\s$\d\\]/.test(text);
}

// The chunk's promise, shared by every message: it is fetched once per page load.
let loading: Promise<Plugins> | undefined;

/**
 * The math plugins once `needed` has been true: loads their chunk the first time (every later message
 * gets them at once). Until then, and if the chunk cannot load, undefined: the text shows as written.
 */
export function useMathPlugins(needed: boolean): Plugins | undefined {
  const [plugins, setPlugins] = useState<Plugins | undefined>(undefined);
  useEffect(() => {
    if (!needed || plugins !== undefined) return;
    let live = true;
    loading ??= import("./math-plugins").then((m) => m.mathPlugins);
    loading.then(
      (p) => live && setPlugins(p),
      () => {
        loading = undefined;
      },
    );
    return () => {
      live = false;
    };
  }, [needed, plugins]);
  return plugins;
}
