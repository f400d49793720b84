import type { SettingId } from '../Scene.js';

// Nouns that pick the setting. First match in the prompt wins; singular forms only
// (the matcher also tries a word without its plural "s"/"es").
export const SETTING_WORDS: Readonly<Record<SettingId, readonly string[]>> = {
  forest: ['forest', 'wood', 'woods', 'woodland', 'tree', 'grove', 'jungle', 'glade', 'thicket', 'pine'],
  city: ['city', 'town', 'street', 'rooftop', 'alley', 'downtown', 'skyline', 'neon', 'village', 'market', 'building'],
  sea: ['sea', 'ocean', 'beach', 'shore', 'wave', 'coast', 'harbor', 'harbour', 'island', 'lake', 'bay', 'pier'],
  desert: ['desert', 'dune', 'sand', 'canyon', 'oasis', 'sahara', 'cactus'],
  mountains: ['mountain', 'peak', 'cliff', 'summit', 'valley', 'ridge', 'alps', 'glacier'],
  meadow: ['meadow', 'field', 'hill', 'grass', 'farm', 'garden', 'prairie', 'countryside', 'park'],
  nightsky: ['sky', 'star', 'space', 'galaxy', 'cosmos', 'constellation', 'comet', 'heaven', 'aurora'],
  room: [
    'room',
    'house',
    'home',
    'kitchen',
    'bedroom',
    'library',
    'inside',
    'indoors',
    'cabin',
    'attic',
    'hall',
    'study',
  ],
};

/** Settings a prompt with no setting noun may land on, picked by seed. */
export const DEFAULT_SETTINGS: readonly SettingId[] = ['meadow', 'forest', 'mountains', 'sea'];
