// Entry of the React example: `?story=` (default /stories/night-walk.json) and
// `?variant=hook|element`. Events go to window.offshootLog for the consumer test.
import { createRoot } from 'react-dom/client';
import { App } from './App.js';

declare global {
  interface Window {
    offshootLog: Array<{ type: string; payload?: unknown }>;
  }
}

const params = new URLSearchParams(location.search);
const story = params.get('story') ?? '/stories/night-walk.json';
const variant = params.get('variant') === 'element' ? 'element' : 'hook';
window.offshootLog = [];
createRoot(document.getElementById('root')!).render(
  <App story={story} variant={variant} report={(entry) => window.offshootLog.push(entry)} />,
);
