/** CSS for the control bar (scoped by `osp-` class names). Large hit targets, visible focus. */
export const controlStyles = `
.osp-controls{position:absolute;left:0;right:0;top:0;display:flex;gap:6px;justify-content:flex-end;padding:10px 12px;background:linear-gradient(rgba(0,0,0,.55),rgba(0,0,0,0));opacity:0;transition:opacity .2s}
.osp-root:hover .osp-controls,.osp-root:focus-within .osp-controls,.osp-controls[data-paused=true]{opacity:1}
.osp-ctl{width:44px;height:44px;display:inline-flex;align-items:center;justify-content:center;border:0;border-radius:10px;background:rgba(11,13,18,.6);color:#fff;cursor:pointer;padding:0}
.osp-ctl svg{width:24px;height:24px}
.osp-ctl:hover{background:rgba(40,46,60,.85)}
.osp-ctl:focus{outline:none}
.osp-ctl:focus-visible{outline:3px solid #fff;outline-offset:2px}
.osp-ctl:disabled{opacity:.4;cursor:default}
.osp-ctl-back{margin-right:auto}
.osp-ctl[hidden]{display:none}
.osp-tracks-menu{position:absolute;top:60px;right:12px;min-width:180px;max-height:70%;overflow:auto;padding:6px;border-radius:12px;background:rgba(11,13,18,.92);color:#fff;font:15px/1.3 system-ui,sans-serif;z-index:2}
.osp-tracks-title{padding:6px 10px 2px;font-size:12px;text-transform:uppercase;letter-spacing:.06em;opacity:.7}
.osp-tracks-item{display:flex;align-items:center;min-height:44px;padding:0 10px 0 30px;border-radius:8px;cursor:pointer;position:relative}
.osp-tracks-item[aria-checked=true]::before{content:'';position:absolute;left:11px;width:8px;height:8px;border-radius:50%;background:#fff}
.osp-tracks-item:hover{background:rgba(40,46,60,.85)}
.osp-tracks-item:focus{outline:none}
.osp-tracks-item:focus-visible{outline:3px solid #fff;outline-offset:-3px}
.osp-captions-text{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:pre-line}
.osp-no-canvas .osp-captions-text{width:auto;height:auto;overflow:visible;clip-path:none;left:10%;right:10%;bottom:24px;text-align:center;white-space:pre-line;color:#fff;background:rgba(0,0,0,.72);border-radius:6px;padding:4px 8px;font:18px/1.3 system-ui,sans-serif}
@media (prefers-reduced-motion: reduce){.osp-controls{transition:none}}
`;
