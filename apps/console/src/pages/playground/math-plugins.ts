import "katex/dist/katex.min.css";
import type { Options } from "react-markdown";
import rehypeKatex from "rehype-katex";
import remarkMath from "remark-math";

/**
 * The markdown plugins that render math with KaTeX, in their own chunk (KaTeX is ~75 KB gzipped, loaded
 * only once an answer holds math: useMathPlugins). KaTeX runs untrusted: `trust: false` refuses
 * `\href`, `\url`, `\includegraphics` and HTML extensions, `maxSize` and `maxExpand` bound what a
 * hostile formula can make it draw or expand, and a formula it cannot parse is shown as its source in red
 * instead of throwing. Its output is an HTML tree built by react-markdown, never raw HTML.
 * @see https://katex.org/docs/options
 */
type PluggableList = NonNullable<Options["remarkPlugins"]>;

export const mathPlugins: { remark: PluggableList; rehype: PluggableList } = {
  remark: [remarkMath],
  rehype: [
    [
      rehypeKatex,
      {
        throwOnError: false,
        strict: "ignore",
        trust: false,
        maxSize: 20,
        maxExpand: 200,
        output: "htmlAndMathml",
      },
    ],
  ],
};
