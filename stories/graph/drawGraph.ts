import { formatIssue } from '../../src/core/validate/formatIssue.js';
import { WARNING_CODES } from '../../src/core/validate/ValidationReport.js';
import { layoutGraph, shortLabel } from './layoutGraph.js';
import type { GraphLayout } from './layoutGraph.js';
import type { GraphNode, StoryGraph } from './storyGraph.js';

const SVG = 'http://www.w3.org/2000/svg';
const WARNINGS: ReadonlySet<string> = WARNING_CODES;
const layouts = new WeakMap<StoryGraph, GraphLayout>();

/** What a drawn graph lets the caller do: mark the playthrough as it plays. */
export interface DrawnGraph {
  readonly element: SVGSVGElement;
  readonly layout: GraphLayout;
  /** A segment started: it becomes the current one and joins the trail (with the edge that led there). */
  enter(segmentId: string): void;
  /** A choice was locked in `segmentId`: its option edge is marked taken. */
  choose(segmentId: string, optionId: string): void;
  /** Forget the playthrough. */
  clearTrail(): void;
  destroy(): void;
}

/**
 * Draws a story graph as SVG (DOM APIs and textContent only: story text is never parsed as
 * markup), laid out by dagre, with wheel zoom and drag to pan so hundreds of segments stay
 * readable. Nodes carry `data-segment` and classes for start, end, generate, unreachable,
 * trap and has-issues; their issues are in the node's tooltip.
 *
 * @example
 * const drawn = drawGraph(container, storyGraph(raw, report));
 * player.on('segmentstart', (e) => drawn.enter(e.segmentId));
 */
export function drawGraph(container: HTMLElement, graph: StoryGraph): DrawnGraph {
  const doc = container.ownerDocument;
  // Re-rendering a story (every change of a control) reuses the layout of the same graph.
  const layout = layouts.get(graph) ?? layoutGraph(graph);
  layouts.set(graph, layout);
  const svg = el(doc, 'svg', {
    class: 'osb-graph',
    role: 'img',
    'aria-label': `Story graph: ${graph.nodes.length} segments`,
  });
  svg.append(styleSheet(doc), markers(doc));
  const view = { x: 0, y: 0, w: Math.max(layout.width, 200), h: Math.max(layout.height, 120) };
  const applyView = (): void => svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`);
  applyView();

  const edgeEls: SVGGElement[] = [];
  const edgeGroup = el(doc, 'g', { class: 'osb-edges' });
  layout.edges.forEach((path) => {
    const edge = graph.edges[path.index]!;
    const g = el(doc, 'g', {
      class: `osb-edge osb-${edge.kind}${edge.isDefault ? ' osb-default' : ''}`,
      'data-from': edge.from,
      'data-to': edge.to,
    });
    if (edge.optionId) g.setAttribute('data-option', edge.optionId);
    const d = path.points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    g.append(el(doc, 'path', { d, 'marker-end': 'url(#osb-arrow)' }));
    const title = el(doc, 'title', {});
    title.textContent = [
      edge.kind === 'option' ? `option ${edge.optionId ?? ''}: ${edge.label}` : edge.kind,
      edge.condition ? `if ${edge.condition}` : '',
      edge.isDefault ? '(default)' : '',
    ]
      .filter(Boolean)
      .join(' ');
    g.append(title);
    if (path.labelAt) {
      const text = el(doc, 'text', { x: path.labelAt.x, y: path.labelAt.y + 4, class: 'osb-edge-label' });
      text.textContent = shortLabel(edge.label);
      g.append(text);
    }
    edgeEls.push(g);
    edgeGroup.append(g);
  });

  const nodeEls = new Map<string, SVGGElement>();
  const nodeGroup = el(doc, 'g', { class: 'osb-nodes' });
  for (const node of graph.nodes) {
    const box = layout.nodes.get(node.id);
    if (!box) continue;
    const g = el(doc, 'g', {
      class: nodeClass(node),
      'data-segment': node.id,
      transform: `translate(${box.x - box.width / 2},${box.y - box.height / 2})`,
    });
    g.append(el(doc, 'rect', { width: box.width, height: box.height, rx: node.end ? 18 : 4 }));
    const label = el(doc, 'text', { x: box.width / 2, y: 18, class: 'osb-node-label' });
    label.textContent = node.id.length > 28 ? `${node.id.slice(0, 27)}…` : node.id;
    const sub = el(doc, 'text', { x: box.width / 2, y: 34, class: 'osb-node-sub' });
    sub.textContent = badges(node);
    const title = el(doc, 'title', {});
    title.textContent = [node.id, node.prompt ? `choice: ${node.prompt}` : '', ...node.issues.map(formatIssue)]
      .filter(Boolean)
      .join('\n');
    g.append(label, sub, title);
    nodeEls.set(node.id, g);
    nodeGroup.append(g);
  }
  svg.append(edgeGroup, nodeGroup);
  container.append(svg);

  // Pan and zoom by moving the viewBox: the drawing is never re-laid out.
  const onWheel = (e: WheelEvent): void => {
    e.preventDefault();
    const rect = svg.getBoundingClientRect();
    const fx = rect.width ? (e.clientX - rect.left) / rect.width : 0.5;
    const fy = rect.height ? (e.clientY - rect.top) / rect.height : 0.5;
    const k = Math.exp(Math.sign(e.deltaY) * 0.15);
    const w = view.w * k;
    const h = view.h * k;
    view.x += (view.w - w) * fx;
    view.y += (view.h - h) * fy;
    view.w = w;
    view.h = h;
    applyView();
  };
  let drag: { x: number; y: number } | null = null;
  const onDown = (e: PointerEvent): void => {
    drag = { x: e.clientX, y: e.clientY };
    svg.setPointerCapture?.(e.pointerId);
  };
  const onMove = (e: PointerEvent): void => {
    if (!drag) return;
    const rect = svg.getBoundingClientRect();
    const scale = Math.max(view.w / (rect.width || 1), view.h / (rect.height || 1));
    view.x -= (e.clientX - drag.x) * scale;
    view.y -= (e.clientY - drag.y) * scale;
    drag = { x: e.clientX, y: e.clientY };
    applyView();
  };
  const onUp = (): void => {
    drag = null;
  };
  svg.addEventListener('wheel', onWheel, { passive: false });
  svg.addEventListener('pointerdown', onDown);
  svg.addEventListener('pointermove', onMove);
  svg.addEventListener('pointerup', onUp);

  let current: string | null = null;
  const centreOn = (id: string): void => {
    const box = layout.nodes.get(id);
    if (!box) return;
    // Keep the playing segment in view on big graphs (only when it has left the view).
    if (box.x < view.x || box.x > view.x + view.w || box.y < view.y || box.y > view.y + view.h) {
      view.x = box.x - view.w / 2;
      view.y = box.y - view.h / 2;
      applyView();
    }
  };
  return {
    element: svg,
    layout,
    enter(segmentId) {
      if (current !== null) {
        nodeEls.get(current)?.classList.remove('osb-current');
        // The edge that led here, unless a choice already marked one.
        const from = current;
        const taken = edgeEls.find(
          (g) => g.dataset.from === from && g.classList.contains('osb-taken') && g.dataset.to === segmentId,
        );
        if (!taken)
          edgeEls
            .find((g) => g.dataset.from === from && g.dataset.to === segmentId && !g.dataset.option)
            ?.classList.add('osb-taken');
      }
      current = segmentId;
      const node = nodeEls.get(segmentId);
      node?.classList.add('osb-current', 'osb-visited');
      centreOn(segmentId);
    },
    choose(segmentId, optionId) {
      edgeEls.find((g) => g.dataset.from === segmentId && g.dataset.option === optionId)?.classList.add('osb-taken');
    },
    clearTrail() {
      current = null;
      svg
        .querySelectorAll('.osb-current, .osb-visited, .osb-taken')
        .forEach((n) => n.classList.remove('osb-current', 'osb-visited', 'osb-taken'));
    },
    destroy() {
      svg.removeEventListener('wheel', onWheel);
      svg.remove();
    },
  };
}

function nodeClass(node: GraphNode): string {
  return [
    'osb-node',
    node.kind === 'missing' ? 'osb-missing' : '',
    node.start ? 'osb-start' : '',
    node.end ? 'osb-end' : '',
    node.generate ? 'osb-generate' : '',
    node.unreachable ? 'osb-unreachable' : '',
    node.trap ? 'osb-trap' : '',
    node.issues.some((i) => !WARNINGS.has(i.code) && i.code !== 'trap') ? 'osb-has-errors' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function badges(node: GraphNode): string {
  if (node.kind === 'missing') return 'not a segment';
  const parts = [
    node.start ? 'start' : '',
    node.end ? 'ending' : '',
    node.generate ? 'generated' : '',
    node.prompt !== undefined ? 'choice' : '',
    node.trap ? 'TRAP' : '',
    node.unreachable ? 'unreachable' : '',
  ];
  const errors = node.issues.filter((i) => !WARNINGS.has(i.code) && i.code !== 'trap').length;
  const warnings = node.issues.filter((i) => i.code === 'hidden-default').length;
  if (errors) parts.push(`${errors} error${errors > 1 ? 's' : ''}`);
  if (warnings) parts.push(`${warnings} warning${warnings > 1 ? 's' : ''}`);
  return parts.filter(Boolean).join(' · ');
}

function el<K extends keyof SVGElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const node = doc.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function markers(doc: Document): SVGDefsElement {
  const defs = el(doc, 'defs', {});
  const marker = el(doc, 'marker', {
    id: 'osb-arrow',
    viewBox: '0 0 10 10',
    refX: 9,
    refY: 5,
    markerWidth: 9,
    markerHeight: 9,
    markerUnits: 'userSpaceOnUse',
    orient: 'auto-start-reverse',
  });
  marker.append(el(doc, 'path', { d: 'M0,0 L10,5 L0,10 z', fill: '#667' }));
  defs.append(marker);
  return defs;
}

function styleSheet(doc: Document): SVGStyleElement {
  const style = el(doc, 'style', {});
  // Fixed CSS of our own (no story text): colours say what the legend in docs/storybook.md says.
  style.textContent = `
.osb-graph { width: 100%; height: 100%; min-height: 420px; background: #fafafa; font: 12px system-ui, sans-serif; cursor: grab; touch-action: none; }
.osb-edge path { fill: none; stroke: #99a; stroke-width: 1.4; }
.osb-edge.osb-route path { stroke-dasharray: 5 3; }
.osb-edge.osb-default path { stroke-width: 2.2; }
.osb-edge-label { font-size: 10px; fill: #445; text-anchor: middle; paint-order: stroke; stroke: #fafafa; stroke-width: 3px; }
.osb-edge.osb-taken path { stroke: #0a7d32; stroke-width: 3.5; }
.osb-node rect { fill: #fff; stroke: #556; stroke-width: 1.4; }
.osb-node-label { font-weight: 600; text-anchor: middle; fill: #222; }
.osb-node-sub { font-size: 9.5px; text-anchor: middle; fill: #667; }
.osb-start rect { stroke: #1d4ed8; stroke-width: 3; }
.osb-end rect { fill: #eef6ee; }
.osb-generate rect { stroke-dasharray: 4 2; }
.osb-unreachable rect { fill: #eee; stroke: #aaa; }
.osb-unreachable text { fill: #999; }
.osb-trap rect { fill: #fff4e5; stroke: #d97706; stroke-width: 3; }
.osb-has-errors rect, .osb-missing rect { fill: #fde8e8; stroke: #c81e1e; stroke-width: 3; }
.osb-visited rect { fill: #dcfce7; }
.osb-current rect { fill: #86efac; stroke: #0a7d32; stroke-width: 4; }
`;
  return style;
}
