import type { Node } from 'jsonc-parser';
import { parseTree } from 'jsonc-parser';
import { tokensOf } from './pointer.js';

export interface TextPosition {
  line: number;
  column: number;
}

/**
 * Maps character offsets and JSON Pointers back to 1-based line/column in the story text,
 * through jsonc-parser's parse tree.
 */
export class TextLocator {
  private lineStarts: number[] | undefined;
  private tree: Node | undefined | null = null;

  /** `text` must be JSON that parsed without error, or `find` will only find the top. */
  constructor(private readonly text: string) {}

  // Built on first use: costly on big files, and only needed when there is an issue to place.
  private get root(): Node | undefined {
    if (this.tree === null) this.tree = parseTree(this.text, [], { disallowComments: true });
    return this.tree;
  }

  /** 1-based line and column of a character offset. */
  at(offset: number): TextPosition {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  /**
   * Where the value at `path` is. Object members point at their key; with `inValue`, a string
   * value is pointed into (when it has no escapes, so offsets match). A pointer into
   * something missing points at the nearest existing parent.
   */
  find(path: string, inValue?: number): TextPosition | undefined {
    if (!this.root) return undefined;
    let node: Node = this.root;
    let key: Node | undefined;
    for (const token of tokensOf(path)) {
      const child = childOf(node, token);
      if (!child) break;
      node = child.value;
      key = child.key;
    }
    if (inValue !== undefined && node.type === 'string') {
      const raw = this.text.slice(node.offset + 1, node.offset + node.length - 1);
      return this.at(node.offset + (raw.includes('\\') ? 0 : 1 + inValue));
    }
    return this.at((inValue === undefined ? key?.offset : undefined) ?? node.offset);
  }
}

function childOf(node: Node, token: string): { key?: Node; value: Node } | undefined {
  const children = node.children ?? [];
  if (node.type === 'array') {
    const value = /^\d+$/.test(token) ? children[Number(token)] : undefined;
    return value ? { value } : undefined;
  }
  if (node.type !== 'object') return undefined;
  // The last duplicate wins, as in JSON.parse.
  for (let i = children.length - 1; i >= 0; i--) {
    const [key, value] = children[i]?.children ?? [];
    if (key?.value === token) return value ? { key, value } : { key, value: key };
  }
  return undefined;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
