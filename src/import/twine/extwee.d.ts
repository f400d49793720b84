// extwee ships types, but its package.json `exports` has no `types` condition, so TypeScript's
// bundler resolution cannot find them. These are the parts the Twine importer uses.
declare module 'extwee' {
  export interface ExtweePassage {
    readonly name: string;
    readonly text: string;
    readonly tags: string[];
  }
  export interface ExtweeStory {
    readonly name: string;
    readonly start: string;
    readonly format: string;
    readonly formatVersion: string;
    readonly passages: ExtweePassage[];
    readonly storyJavaScript: string;
    readonly storyStylesheet: string;
  }
  export function parseTwee(source: string): ExtweeStory;
  export function parseTwine2HTML(source: string): ExtweeStory;
}
