import { a11yStyles } from '../a11y/a11yStyles.js';
import { controlStyles } from '../controls/controlStyles.js';

/** All CSS the overlay needs, injected as one `<style>` inside its own element. */
export const overlayStyles = `
.osp-overlay{position:absolute;inset:0;overflow:hidden;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#fff}
.osp-overlay canvas{position:absolute;inset:0;display:block;pointer-events:none}
.osp-message{position:absolute;left:50%;top:50%;transform:translate(-50%,-50%);max-width:min(90%,520px);padding:16px 20px;border-radius:12px;background:rgba(11,13,18,.92);color:#fff;font-size:16px;line-height:1.45;text-align:center;white-space:pre-wrap;overflow-wrap:anywhere}
${a11yStyles}
${controlStyles}
`;
