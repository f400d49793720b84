/**
 * The stories' own stylesheet (fixed CSS, no story text in it).
 *
 * @example
 * root.append(authorStyles());
 */
export function authorStyles(): HTMLStyleElement {
  const style = document.createElement('style');
  style.textContent = `
.osb-root { font: 14px system-ui, sans-serif; color: #222; }
.osb-stage { width: min(100%, 720px); aspect-ratio: 16 / 9; position: relative; background: #000; }
.osb-facts, .osb-legend { margin: 4px 0 8px; color: #445; }
.osb-legend { font-size: 12px; }
.osb-options { border-collapse: collapse; margin: 0 0 12px; font-size: 13px; }
.osb-options caption { text-align: left; padding: 4px 0; font-weight: 600; }
.osb-options th, .osb-options td { border: 1px solid #ccd; padding: 3px 8px; text-align: left; }
.osb-options tr.osb-hidden td { color: #999; text-decoration: line-through; }
.osb-options tr.osb-hidden td:nth-child(3), .osb-options tr.osb-hidden td:nth-child(4) { text-decoration: none; }
.osb-message, .osb-issues { border: 1px solid #d97706; background: #fff8eb; padding: 8px 12px; margin: 0 0 12px; max-width: 720px; }
.osb-issues { border-color: #c81e1e; background: #fdf2f2; }
.osb-issues li { white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: 12px; }
.osb-issues li.osb-warning { color: #7a5200; }
.osb-split { display: grid; grid-template-columns: minmax(320px, 720px) minmax(320px, 1fr); gap: 12px; padding: 12px; height: calc(100vh - 24px); box-sizing: border-box; }
.osb-main { min-width: 0; }
.osb-side { display: flex; flex-direction: column; min-width: 0; min-height: 0; }
.osb-side .osb-graph { flex: 1; min-height: 300px; border: 1px solid #dde; }
.osb-log { max-height: 30%; overflow: auto; font: 12px ui-monospace, monospace; margin: 8px 0 0; white-space: pre; }
.osb-graph-frame { height: calc(100vh - 90px); border: 1px solid #dde; }
.osb-graph-frame .osb-graph { height: 100%; }
.osb-kind-graph { padding: 8px 12px; }
`;
  return style;
}
