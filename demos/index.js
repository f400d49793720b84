// The developer demo page (demos/index.html): a story picker, the player and its events.
// A module file rather than an inline script, so the page works under a CSP without 'unsafe-inline'.
// The self-contained bundle registers <offshoot-player> on import.
import '/dist/offshoot.bundle.mjs';
const player = document.getElementById('player');
// Like an embedder's page: ask our own server for the backend URL and a viewer token,
// then point the player at the story.
const config = await (await fetch('/demo-config.json')).json();
player.generationToken = config.token;
player.setAttribute('generation-url', config.generationUrl);
player.setAttribute('src', document.getElementById('story').value);
const log = document.getElementById('log');
const write = (text, cls) => {
  const li = document.createElement('li');
  li.textContent = `${new Date().toLocaleTimeString()}  ${text}`;
  if (cls) li.className = cls;
  log.prepend(li);
};
for (const type of ['segmentstart', 'choicestart', 'choice', 'ended', 'error']) {
  player.addEventListener(type, (e) => write(`${type} ${JSON.stringify(e.detail)}`, type === 'error' ? 'error' : ''));
}
document.getElementById('story').addEventListener('change', (e) => player.setAttribute('src', e.target.value));
document.getElementById('restart').addEventListener('click', () => {
  const src = player.getAttribute('src');
  player.removeAttribute('src');
  player.setAttribute('src', src);
});
document
  .getElementById('stats')
  .addEventListener('click', () =>
    write(`stats ${JSON.stringify(player.getStats(), (k, v) => (k === 'boundaries' ? undefined : v))}`),
  );
