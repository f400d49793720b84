// One constructed sheet per document (or shadow root) and text, shared by every player in it.
const adopted = new WeakMap<Document | ShadowRoot, Map<string, CSSStyleSheet>>();

/**
 * Apply `css` to the document or shadow root that holds `node`, as a constructed stylesheet
 * (`adoptedStyleSheets`). A strict Content-Security-Policy (`style-src 'self'`, no
 * 'unsafe-inline') blocks `<style>` elements with text, but not constructed sheets, so the
 * player needs no style exception in an embedder's policy (docs/hostile-input.md). Where
 * constructed sheets are missing (very old browsers) it falls back to a `<style>` element in
 * `fallbackParent`. A node not yet in a document or shadow root styles its owner document.
 *
 * @example
 * adoptStyles(container, '.osp-overlay { position: absolute; inset: 0 }', overlayElement);
 */
export function adoptStyles(node: Node, css: string, fallbackParent: Element): void {
  const root = node.getRootNode();
  const doc = node.ownerDocument ?? (node as Document);
  const target: Document | ShadowRoot = 'adoptedStyleSheets' in root ? (root as Document | ShadowRoot) : doc;
  const Sheet = doc.defaultView?.CSSStyleSheet;
  if (!Sheet || !('adoptedStyleSheets' in target) || typeof Sheet.prototype.replaceSync !== 'function') {
    const style = doc.createElement('style');
    style.textContent = css;
    fallbackParent.prepend(style);
    return;
  }
  let sheets = adopted.get(target);
  if (!sheets) adopted.set(target, (sheets = new Map()));
  if (sheets.has(css) && target.adoptedStyleSheets.includes(sheets.get(css)!)) return;
  const sheet = new Sheet();
  sheet.replaceSync(css);
  sheets.set(css, sheet);
  target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
}
