import { ActionIcon, CopyButton, Tooltip, Typography } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import python from "highlight.js/lib/languages/python";
import typescript from "highlight.js/lib/languages/typescript";
import { memo, useMemo } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import "./highlight.css";
import { normalizeMath } from "./normalize-math";
import { mayHoldMath, useMathPlugins } from "./use-math-plugins";

// A few common languages only: highlight.js core with every language would weigh ~300 KB.
hljs.registerLanguage("bash", bash);
hljs.registerLanguage("javascript", javascript);
hljs.registerLanguage("json", json);
hljs.registerLanguage("python", python);
hljs.registerLanguage("typescript", typescript);
hljs.registerAliases(["sh", "shell", "curl"], { languageName: "bash" });
hljs.registerAliases(["js", "jsx"], { languageName: "javascript" });
hljs.registerAliases(["ts", "tsx"], { languageName: "typescript" });
hljs.registerAliases(["py"], { languageName: "python" });

/** Highlighted code as HTML (highlight.js escapes the text), or undefined for an unknown language. */
export function highlight(code: string, language: string | undefined): string | undefined {
  if (language === undefined || hljs.getLanguage(language) === undefined) return undefined;
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}

/** The text of a hast node (a code block's source, for its copy button). */
function textOf(node: unknown): string {
  const n = node as { type?: string; value?: string; children?: unknown[] } | undefined;
  if (n === undefined) return "";
  if (n.type === "text") return n.value ?? "";
  return (n.children ?? []).map(textOf).join("");
}

const components: Components = {
  pre({ node, children, ...rest }) {
    const source = textOf(node).replace(/\n$/, "");
    return (
      <div style={{ position: "relative" }}>
        <pre {...rest}>{children}</pre>
        <CopyButton value={source}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? "Copied" : "Copy code"} withArrow>
              <ActionIcon
                variant="default"
                size="sm"
                onClick={copy}
                aria-label="Copy code"
                style={{ position: "absolute", top: 6, right: 6 }}
              >
                {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </div>
    );
  },
  code({ className, children, ...rest }) {
    const language = /language-([\w-]+)/.exec(className ?? "")?.[1];
    const text = String(children ?? "");
    const html = highlight(text.replace(/\n$/, ""), language);
    if (html === undefined)
      return (
        <code className={className} {...rest}>
          {children}
        </code>
      );
    // biome-ignore lint/security/noDangerouslySetInnerHtml: highlight.js output is escaped text in spans
    return <code className={`hljs ${className ?? ""}`} dangerouslySetInnerHTML={{ __html: html }} />;
  },
};

/**
 * A message rendered as GitHub-flavoured markdown (no raw HTML), code blocks highlighted with a copy
 * button, math (`$…$`, `$$…$$`, `\\(…\\)`, `\\[…\\]`) drawn with KaTeX once its chunk is loaded.
 */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  const source = useMemo(() => normalizeMath(text), [text]);
  const math = useMathPlugins(mayHoldMath(source));
  return (
    <Typography fz="sm" data-testid="markdown">
      <ReactMarkdown
        remarkPlugins={math ? [remarkGfm, ...math.remark] : [remarkGfm]}
        rehypePlugins={math?.rehype ?? []}
        components={components}
      >
        {math ? source : text}
      </ReactMarkdown>
    </Typography>
  );
});
