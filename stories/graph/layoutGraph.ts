import dagre from '@dagrejs/dagre';
import type { StoryGraph } from './storyGraph.js';

export interface NodeBox {
  id: string;
  /** Centre. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface EdgePath {
  /** Index into `graph.edges`. */
  index: number;
  points: Array<{ x: number; y: number }>;
  /** Where the label sits, when the edge has one. */
  labelAt?: { x: number; y: number };
}

export interface GraphLayout {
  nodes: Map<string, NodeBox>;
  edges: EdgePath[];
  width: number;
  height: number;
}

// No DOM in layout (it runs in Node tests too): text is measured at a fixed average width.
const CHAR = 7.2;
const NODE_HEIGHT = 44;
// dagre's default ranker (network simplex) gives the most compact ranks but its cost grows
// fast; past this many segments the tight-tree ranker keeps a big story's layout to a few
// seconds on a slow machine (bench: test/stories/layoutGraph.test.ts prints the time).
const SIMPLEX_MAX_NODES = 120;

/**
 * Positions for every node and a polyline for every edge, laid out top to bottom by dagre
 * (a layered layout made for directed graphs of hundreds of nodes).
 *
 * @example
 * const layout = layoutGraph(storyGraph(raw, report));
 * layout.nodes.get('intro'); // { id: 'intro', x: 120, y: 22, width: 96, height: 44 }
 */
export function layoutGraph(graph: StoryGraph): GraphLayout {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({
    rankdir: 'TB',
    nodesep: 24,
    ranksep: 56,
    edgesep: 12,
    marginx: 16,
    marginy: 16,
    ranker: graph.nodes.length > SIMPLEX_MAX_NODES ? 'tight-tree' : 'network-simplex',
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) {
    g.setNode(node.id, { width: Math.max(80, Math.min(28, node.id.length) * CHAR + 28), height: NODE_HEIGHT });
  }
  graph.edges.forEach((edge, i) => {
    const label = shortLabel(edge.label);
    g.setEdge(
      edge.from,
      edge.to,
      label ? { width: label.length * CHAR * 0.85, height: 14, labelpos: 'c' } : {},
      String(i),
    );
  });
  dagre.layout(g);
  const nodes = new Map<string, NodeBox>();
  for (const id of g.nodes()) {
    const n = g.node(id);
    nodes.set(id, { id, x: n.x, y: n.y, width: n.width, height: n.height });
  }
  const edges: EdgePath[] = graph.edges.map((edge, i) => {
    const e = g.edge({ v: edge.from, w: edge.to, name: String(i) }) as {
      points?: Array<{ x: number; y: number }>;
      x?: number;
      y?: number;
    };
    return {
      index: i,
      points: e.points ?? [],
      ...(e.x !== undefined && e.y !== undefined && shortLabel(edge.label) ? { labelAt: { x: e.x, y: e.y } } : {}),
    };
  });
  const size = g.graph() as { width?: number; height?: number };
  return { nodes, edges, width: size.width ?? 0, height: size.height ?? 0 };
}

/**
 * An edge label cut to fit the layout (the whole text is in the edge's tooltip).
 *
 * @example
 * shortLabel('Follow the lantern light home'); // 'Follow the lantern li…'
 */
export function shortLabel(label: string): string {
  return label.length > 22 ? `${label.slice(0, 21)}…` : label;
}
