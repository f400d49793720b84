import type { StorybookConfig } from '@storybook/html-vite';
import { offshootIndexer } from './offshootIndexer.js';
import { offshootPlugin } from './offshootPlugin.js';
import { storyFileConfig } from './storyFile.js';

// No network here or in CI: no telemetry, no update checks.
process.env.STORYBOOK_DISABLE_TELEMETRY ??= '1';
const story = storyFileConfig();

// The stories are generated from the author's story file (OFFSHOOT_STORY): the four
// placeholder files are indexed from its content and rewritten into CSF by the Vite plugin.
const config: StorybookConfig = {
  framework: { name: '@storybook/html-vite', options: {} },
  stories: ['../stories/*.offshoot.js'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true, enableCrashReports: false },
  experimental_indexers: async (existing) => [offshootIndexer(story), ...(existing ?? [])],
  viteFinal: async (vite) => ({ ...vite, plugins: [...(vite.plugins ?? []), offshootPlugin(story)] }),
};
export default config;
