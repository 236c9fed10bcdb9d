import { type Document, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from "yaml";

/** Where something is in the file: 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** Finds the position of a data path in a parsed document. */
export type Locate = (path: readonly PropertyKey[], key?: string) => Position;

/**
 * A locator over a parsed YAML document: the position of the node at `path` (of `path`'s nearest
 * existing ancestor when it is missing, e.g. a required key left out), or, with `key`, of that key
 * inside the mapping at `path` (where an unknown key is reported). Positions come from yaml's
 * LineCounter (https://eemeli.org/yaml/#parsing-yaml).
 *
 * @example
 * const locate = yamlLocator(doc, lineCounter);
 * locate(["providers", 0, "credentials", "apiKey"]); // { line: 7, column: 15 }
 */
export function yamlLocator(doc: Document, lineCounter: LineCounter): Locate {
  const position = (offset: number | undefined): Position => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return { line, column: col };
  };
  return (path, key) => {
    let node: unknown = doc.contents;
    let found: Node | undefined = isNode(node) ? node : undefined;
    for (const segment of path) {
      const pair = isMap(node)
        ? node.items.find((p) => isScalar(p.key) && p.key.value === segment)
        : undefined;
      const next = isMap(node)
        ? (pair?.value ?? pair?.key)
        : isSeq(node) && typeof segment === "number"
          ? node.items[segment]
          : undefined;
      if (!isNode(next)) break;
      node = next;
      found = next;
    }
    if (key !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      if (isScalar(pair?.key)) return position(pair.key.range?.[0]);
    }
    return position(found?.range?.[0]);
  };
}

function isNode(value: unknown): value is Node {
  return isMap(value) || isSeq(value) || isScalar(value);
}
