import { useLayoutEffect, useRef, useState } from "react";

/**
 * An element's width, known at its first layout (read synchronously, before the browser paints) and kept
 * up to date by a ResizeObserver. Mantine's useElementSize waits for the observer's first callback, a
 * frame later: the chart would be drawn empty once, then again at its width.
 *
 * @example
 * const { ref, width } = useElementWidth<HTMLDivElement>();
 */
export function useElementWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return;
    setWidth(el.getBoundingClientRect().width);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(entry.contentRect.width);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}
