// Placeholder: Storybook lists this file, and .storybook/offshootPlugin.ts replaces its
// content with the "segments" stories of the story file named by OFFSHOOT_STORY (see docs/storybook.md).
export {};
