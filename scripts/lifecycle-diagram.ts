/**
 * Draws the player's lifecycle machine (src/player/lifecycle/playerLifecycle.ts) as a
 * Mermaid stateDiagram, from the machine's own state nodes, and writes it into
 * docs/architecture.md between the lifecycle-diagram markers. A test
 * (test/player/player/lifecycleDiagram.test.ts) fails when the doc's copy is out of date.
 *
 * Usage: npx tsx scripts/lifecycle-diagram.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { playerLifecycle } from '../src/player/lifecycle/playerLifecycle.js';

export const DOC = fileURLToPath(new URL('../docs/architecture.md', import.meta.url));
const START = '<!-- lifecycle-diagram:start (npx tsx scripts/lifecycle-diagram.ts) -->';
const END = '<!-- lifecycle-diagram:end -->';

/**
 * The machine as Mermaid `stateDiagram-v2` text. A transition declared on a parent state
 * (it applies in every child that does not handle the event itself) is drawn from each of
 * those children; eventless and invoke-completion transitions are labelled by their guard
 * and their actor. Each edge sits in the block of the innermost state holding both ends.
 *
 * @example
 * lifecycleMermaid(playerLifecycle); // 'stateDiagram-v2\n  [*] --> loading\n…'
 */
export function lifecycleMermaid(machine: AnyStateMachine): string {
  const edges = edgesOf(machine.root);
  const lines = ['stateDiagram-v2'];
  const draw = (node: AnyStateNode, depth: number): void => {
    const pad = '  '.repeat(depth);
    const children = Object.values(node.states) as AnyStateNode[];
    if (node.type === 'compound') {
      const initial = node.initial.target[0] as AnyStateNode | undefined;
      if (initial) lines.push(`${pad}[*] --> ${initial.key}`);
    }
    children.forEach((child, i) => {
      if (node.type === 'parallel' && i > 0) lines.push(`${pad}--`);
      if (child.type !== 'compound' && child.type !== 'parallel') return;
      lines.push(`${pad}state ${child.key} {`);
      draw(child, depth + 1);
      lines.push(`${pad}}`);
    });
    for (const e of edges) if (e.within === node) lines.push(`${pad}${e.source.key} --> ${e.target.key}: ${e.label}`);
    for (const child of children) if (child.type === 'final') lines.push(`${pad}${child.key} --> [*]`);
  };
  draw(machine.root, 1);
  return lines.join('\n') + '\n';
}

interface Edge {
  source: AnyStateNode;
  target: AnyStateNode;
  label: string;
  /** The innermost state holding both ends: the block the edge is drawn in. */
  within: AnyStateNode;
}

/** Every transition that changes state, in `node` and below, with parent-declared ones drawn from the children. */
function edgesOf(node: AnyStateNode): Edge[] {
  const out: Edge[] = [];
  const children = Object.values(node.states) as AnyStateNode[];
  const actors = new Map<string, string>(node.invoke.map((i: { id: string; src: unknown }) => [i.id, String(i.src)]));
  for (const t of [...node.transitions.values()].flat().concat(node.always ?? [])) {
    const label = labelOf(t.eventType, t.guard, actors);
    for (const target of (t.target ?? []) as AnyStateNode[]) {
      // Declared on a parent for its own children: it applies in each child that does not handle the event itself.
      const sources =
        isDescendant(target, node) && children.length > 0
          ? children.filter((c) => c.type !== 'final' && !c.transitions.has(t.eventType))
          : [node];
      for (const source of sources) {
        // Re-entering a state matters only when that restarts something (its actor, its entry actions).
        const restarts = source.invoke.length > 0 || source.entry.length > 0;
        if (source === target && source !== node && !restarts) continue;
        out.push({ source, target, label, within: commonAncestor(source, target) });
      }
    }
  }
  return out.concat(children.flatMap(edgesOf));
}

function commonAncestor(a: AnyStateNode, b: AnyStateNode): AnyStateNode {
  for (let n: AnyStateNode | undefined = a.parent; n; n = n.parent) if (b === n || isDescendant(b, n)) return n;
  return a;
}

function labelOf(eventType: string, guard: unknown, actors: Map<string, string>): string {
  const done = /^xstate\.(done|error)\.actor\.(.+)$/.exec(eventType);
  const event = done ? `${actors.get(done[2]!) ?? done[2]} ${done[1] === 'done' ? 'done' : 'failed'}` : eventType;
  const name =
    typeof guard === 'string'
      ? guard
      : typeof guard === 'function'
        ? 'guard' // inline, unnamed
        : (guard as { type?: string } | undefined)?.type;
  if (!event) return name ? `[${name}]` : 'always';
  return name ? `${event} [${name}]` : event;
}

function isDescendant(node: AnyStateNode, ancestor: AnyStateNode): boolean {
  for (let n: AnyStateNode | undefined = node.parent; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

/** docs/architecture.md with the diagram block replaced by `diagram` (throws if the markers are missing). */
export function withDiagram(doc: string, diagram: string): string {
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${DOC}: no ${START} … ${END} block`);
  return `${doc.slice(0, a)}${START}\n\n\`\`\`mermaid\n${diagram}\`\`\`\n\n${doc.slice(b)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(DOC, withDiagram(readFileSync(DOC, 'utf8'), lifecycleMermaid(playerLifecycle)));
  console.log(`wrote the lifecycle diagram into ${DOC}`);
}
