import type { ExtweePassage } from 'extwee';

/** SugarCube's special passage names: they configure the UI or run code, they are not scenes. */
const SUGARCUBE_SPECIAL = new Set([
  'StoryInit',
  'StoryCaption',
  'StoryMenu',
  'StoryBanner',
  'StorySubtitle',
  'StoryAuthor',
  'StoryShare',
  'StoryInterface',
  'StoryDisplayTitle',
  'PassageReady',
  'PassageDone',
  'PassageHeader',
  'PassageFooter',
]);
/** Tags that make a passage run code or decorate others rather than be a scene (Harlowe, SugarCube). */
const SPECIAL_TAGS = new Set([
  'startup',
  'header',
  'footer',
  'debug-startup',
  'debug-header',
  'debug-footer',
  'widget',
  'init',
  'Twine.private',
]);
/** Special passages that run once before the story starts: their literal sets are initial values. */
const INIT_TAGS = new Set(['startup', 'init']);

/**
 * Why a passage is not a scene (a special name or tag), or undefined for an ordinary passage.
 *
 * @example
 * specialPassageKind({ name: 'StoryInit', text: '', tags: [] }); // 'init'
 */
export function specialPassageKind(passage: ExtweePassage): 'init' | 'special' | undefined {
  if (passage.name === 'StoryInit' || passage.tags.some((t) => INIT_TAGS.has(t))) return 'init';
  if (SUGARCUBE_SPECIAL.has(passage.name) || passage.tags.some((t) => SPECIAL_TAGS.has(t))) return 'special';
  return undefined;
}
