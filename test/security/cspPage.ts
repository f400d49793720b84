// The page and its one script for the strict-CSP test: no inline script or style anywhere,
// so the page itself passes the policy. The script records every CSP violation the page
// sees, builds a player from the bundle and exposes what the test needs on `window.__csp`.

/** The HTML page: one module script from the same origin, nothing inline. */
export const cspPageHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>csp</title>
<script type="module" src="/page.js"></script></head>
<body><div id="stage"></div></body></html>`;

/** The page script: listens for violations first, then loads the bundle and the story given in `?story=`. */
export const cspPageScript = `
const record = { violations: [], events: [], errors: [], ended: false };
window.__csp = record;
document.addEventListener('securitypolicyviolation', (e) => {
  record.violations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber + ' ' + (e.sample || ''));
});
const stage = document.getElementById('stage');
stage.style.width = '640px';
stage.style.height = '360px';
stage.style.position = 'relative';
const { createPlayer } = await import('/dist/offshoot.bundle.mjs');
const story = new URLSearchParams(location.search).get('story');
const player = await createPlayer(stage, {
  story,
  autoplay: true,
  muted: true,
  on: {
    choicestart: (e) => { record.events.push({ type: 'choicestart', prompt: e.prompt, options: e.options }); },
    choice: (e) => record.events.push({ type: 'choice', optionId: e.optionId, byDefault: e.byDefault }),
    segmentstart: (e) => record.events.push({ type: 'segmentstart', segmentId: e.segmentId }),
    error: (e) => record.errors.push(e.code + ': ' + e.message),
    ended: () => { record.ended = true; },
  },
});
window.__player = player;
record.ready = true;
`;
