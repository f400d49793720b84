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
@media (prefers-reduced-motion: reduce){.osp-controls{transition:none}}
`;
