import { a11yStyles } from '../a11y/a11yStyles.js';
import { controlStyles } from '../controls/controlStyles.js';

/** All CSS the overlay needs, as one constructed sheet. Until the canvas draws (`osp-no-canvas`: pixi still loading, or no WebGL) the twins are the drawn options. */
export const overlayStyles = `
.osp-overlay{position:absolute;inset:0;overflow:hidden;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#fff}
.osp-overlay canvas{position:absolute;inset:0;width:100%;height:100%;display:block;pointer-events:none}
.osp-overlay.osp-no-canvas .osp-twin{background:rgba(27,33,48,.95);color:#fff;border:1px solid rgba(255,255,255,.4)}
.osp-message{position:absolute;left:50%;top:50%;transform:translate(-50%,-50%);max-width:min(90%,520px);padding:16px 20px;border-radius:12px;background:rgba(11,13,18,.92);color:#fff;font-size:16px;line-height:1.45;text-align:center;white-space:pre-wrap;overflow-wrap:anywhere}
${a11yStyles}
${controlStyles}
`;
