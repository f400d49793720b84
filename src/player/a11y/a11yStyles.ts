/**
 * CSS for the accessibility layer, scoped by `osp-` class names and injected once per
 * player root. Option twins are transparent over the canvas, but keep a strong visible
 * focus ring so keyboard and remote users see where they are.
 */
export const a11yStyles = `
.osp-visually-hidden{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
.osp-twins{position:absolute;inset:0;pointer-events:none}
.osp-twin{position:absolute;pointer-events:auto;margin:0;padding:0;border:0;border-radius:12px;background:transparent;color:transparent;font:inherit;cursor:pointer;-webkit-tap-highlight-color:transparent;overflow:hidden}
.osp-twin:focus{outline:none}
.osp-twin:focus-visible{outline:3px solid #fff;outline-offset:3px;box-shadow:0 0 0 6px rgba(76,194,255,.9)}
.osp-twin[aria-disabled=true]{cursor:default}
`;
