// The mock streaming-site page (demos/watch.html), written the way an embedder would:
// the site owns the title page and the resume prompt; the player is an <offshoot-player>
// it mounts when the viewer presses Play or Resume, with `persist` so the SDK saves the
// viewer's place (a StorySnapshot in localStorage, keyed by story id) at every segment.
// Story text only ever reaches the page through textContent.
import { localSnapshotStorage } from '/dist/offshoot.bundle.mjs';

const STORY_URL = '/examples/lighthouse-road.json';
/** The key prefix the SDK's `persist: true` storage uses (localSnapshotStorage's default). */
const SAVE_PREFIX = 'offshoot:snapshot:';

const $ = (id) => document.getElementById(id);
const storage = localSnapshotStorage(SAVE_PREFIX);
let story = null;
let player = null;

/** The human name of a segment: its `x-chapter`, else its id. */
const chapterOf = (segmentId) => story.segments[segmentId]?.['x-chapter'] ?? segmentId;

function show(view) {
  document.body.dataset.view = view;
  $('title-page').hidden = view !== 'title';
  $('watch').hidden = view !== 'watching';
}

/** A saved place the player can resume from: same story, a segment that still exists. */
function savedPlace() {
  const saved = storage.load(story.id);
  if (!saved || saved.storyId !== story.id || !story.segments[saved.segmentId]) return null;
  return saved;
}

function renderTitlePage() {
  const segments = Object.values(story.segments);
  const endings = segments.filter((s) => s.end).length;
  const choices = segments.filter((s) => s.choice).length;
  const generated = segments.filter((s) => s.generate).length;
  $('title').textContent = story.title;
  $('facts').textContent =
    `${segments.length} scenes · ${choices} choices · ${endings} endings · ${generated} scenes painted as you watch`;
  $('synopsis').textContent = story['x-synopsis'] ?? '';
  const saved = savedPlace();
  const finished = saved && story.segments[saved.segmentId].end;
  $('fresh').hidden = Boolean(saved) && !finished;
  $('resume-prompt').hidden = !saved || finished;
  $('play').textContent = finished ? '↺ Watch again' : '▶ Play';
  if (saved && !finished) {
    const steps = saved.history.length;
    $('resume-text').textContent =
      `Welcome back. You stopped at “${chapterOf(saved.segmentId)}” after ${steps} choice${steps === 1 ? '' : 's'}.`;
  }
  show('title');
}

/** Mount the player. `fresh`: forget the saved place first (Start over / Watch again). */
async function watch(fresh) {
  if (fresh) localStorage.removeItem(SAVE_PREFIX + story.id);
  unmount();
  show('watching');
  $('end-card').hidden = true;
  $('now-playing').textContent = 'Loading…';
  const config = await (await fetch('/demo-config.json')).json();
  const el = document.createElement('offshoot-player');
  el.id = 'player';
  el.generationToken = config.token; // a property: the token stays out of the DOM
  el.setAttribute('generation-url', config.generationUrl);
  for (const name of ['controls', 'autoplay', 'persist']) el.setAttribute(name, '');
  el.addEventListener('segmentstart', (e) => {
    $('watch').dataset.segment = e.detail.segmentId;
    $('now-playing').textContent = `Now playing: ${chapterOf(e.detail.segmentId)}`;
  });
  el.addEventListener('ended', (e) => {
    $('end-text').textContent = `The end: “${chapterOf(e.detail.segmentId)}”. Other choices lead to other endings.`;
    $('end-card').hidden = false;
  });
  el.addEventListener('error', (e) => {
    if (e.detail.fatal) $('now-playing').textContent = `Playback stopped: ${e.detail.message}`;
  });
  el.setAttribute('src', STORY_URL);
  $('stage').append(el);
  player = el;
  $('back').focus();
}

function unmount() {
  player?.remove(); // removing the element destroys the player
  player = null;
  delete $('watch').dataset.segment;
}

async function main() {
  try {
    const res = await fetch(STORY_URL);
    if (!res.ok) throw new Error(`${STORY_URL}: HTTP ${res.status}`);
    story = await res.json();
  } catch (error) {
    $('title').textContent = 'Unavailable';
    $('problem').textContent =
      `The title could not be loaded (${error instanceof Error ? error.message : String(error)}).`;
    $('problem').hidden = false;
    show('title');
    return;
  }
  $('play').addEventListener('click', () => void watch(true));
  $('resume').addEventListener('click', () => void watch(false));
  $('start-over').addEventListener('click', () => void watch(true));
  $('again').addEventListener('click', () => void watch(true));
  for (const id of ['back', 'to-title']) {
    $(id).addEventListener('click', () => {
      unmount();
      renderTitlePage();
    });
  }
  renderTitlePage();
}

void main();
