import type { ValidationIssue, ValidationReport } from '../../src/core/validate/ValidationReport.js';

/** A segment as the graph draws it. */
export interface GraphNode {
  id: string;
  /** `missing`: named by an option or route but not a segment of the story (the edge is an error). */
  kind: 'segment' | 'missing';
  start: boolean;
  end: boolean;
  /** Rendered on demand (`generate`) rather than played from `media`. */
  generate: boolean;
  /** The choice's prompt, when the segment has a choice. */
  prompt?: string;
  /** Nothing leads to it from `start` (validator warning `unreachable`). */
  unreachable: boolean;
  /** Reachable, but no ending can be reached from it (validator error `trap`). */
  trap: boolean;
  /** The validator's errors and warnings about this segment. */
  issues: ValidationIssue[];
}

/** An option, a route or a plain `next`, from one segment to another. */
export interface GraphEdge {
  from: string;
  to: string;
  kind: 'option' | 'route' | 'next';
  /** What the edge is called on the graph: the option's label, the route's condition, or ''. */
  label: string;
  /** The option's id (option edges). */
  optionId?: string;
  /** The option's or route's `if`. */
  condition?: string;
  /** The option the timer takes. */
  isDefault?: boolean;
}

export interface StoryGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Issues not about one segment (parse errors, `start`, unknown top-level keys). */
  storyIssues: ValidationIssue[];
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The story as a graph of segments, drawn from the raw file (so a story with errors still
 * has a graph) and marked with what the core's validator found: each issue sits on the
 * segment it is about, `unreachable` and `trap` issues mark their segments.
 *
 * @example
 * const graph = storyGraph(JSON.parse(text), validateStory(text));
 * graph.nodes.filter((n) => n.trap).map((n) => n.id);
 */
export function storyGraph(raw: unknown, report: ValidationReport): StoryGraph {
  const segments = isRecord(raw) && isRecord(raw.segments) ? raw.segments : {};
  const start = isRecord(raw) ? str(raw.start) : undefined;
  const nodes = new Map<string, GraphNode>();
  for (const [id, segment] of Object.entries(segments)) {
    const s = isRecord(segment) ? segment : {};
    const prompt = isRecord(s.choice) ? str(s.choice.prompt) : undefined;
    nodes.set(id, {
      id,
      kind: 'segment',
      start: id === start,
      end: s.end === true,
      generate: s.generate !== undefined,
      ...(prompt !== undefined ? { prompt } : {}),
      unreachable: false,
      trap: false,
      issues: [],
    });
  }
  const edges = Object.entries(segments).flatMap(([id, segment]) => edgesOf(id, segment));
  for (const edge of edges) {
    if (!nodes.has(edge.to))
      nodes.set(edge.to, {
        id: edge.to,
        kind: 'missing',
        start: false,
        end: false,
        generate: false,
        unreachable: false,
        trap: false,
        issues: [],
      });
  }
  const storyIssues: ValidationIssue[] = [];
  for (const issue of [...report.errors, ...report.warnings]) {
    const node = nodes.get(issue.segment ?? segmentOfPath(issue.path) ?? '');
    if (!node || node.kind === 'missing') {
      storyIssues.push(issue);
      continue;
    }
    node.issues.push(issue);
    if (issue.code === 'unreachable') node.unreachable = true;
    if (issue.code === 'trap') node.trap = true;
  }
  return { nodes: [...nodes.values()], edges, storyIssues };
}

function edgesOf(from: string, segment: unknown): GraphEdge[] {
  if (!isRecord(segment)) return [];
  const out: GraphEdge[] = [];
  const choice = isRecord(segment.choice) ? segment.choice : undefined;
  const options = Array.isArray(choice?.options) ? choice.options : [];
  for (const option of options) {
    const to = isRecord(option) ? str(option.next) : undefined;
    if (!isRecord(option) || to === undefined) continue;
    const id = str(option.id);
    const condition = str(option.if);
    out.push({
      from,
      to,
      kind: 'option',
      label: str(option.label) ?? id ?? '',
      ...(id !== undefined ? { optionId: id } : {}),
      ...(condition !== undefined ? { condition } : {}),
      ...(id !== undefined && id === choice?.default ? { isDefault: true } : {}),
    });
  }
  const next = segment.next;
  if (typeof next === 'string') out.push({ from, to: next, kind: 'next', label: '' });
  else if (Array.isArray(next)) {
    for (const route of next) {
      const to = isRecord(route) ? str(route.to) : undefined;
      if (to === undefined) continue;
      const condition = isRecord(route) ? str(route.if) : undefined;
      out.push({
        from,
        to,
        kind: 'route',
        label: condition !== undefined ? `if ${condition}` : 'otherwise',
        ...(condition !== undefined ? { condition } : {}),
      });
    }
  }
  return out;
}

/** `/segments/<id>/…` (JSON Pointer, RFC 6901 escapes) → `<id>`. */
function segmentOfPath(path: string): string | undefined {
  const match = /^\/segments\/([^/]+)/.exec(path);
  return match ? match[1]!.replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
}
