import schema from './story.schema.json' with { type: 'json' };

/**
 * The JSON Schema (draft 2020-12) of story format v1, for runtime validation and for tools
 * that want to hand it to an editor. Editors can also point a story's `"$schema"` at the
 * file itself (src/core/schema/story.schema.json); docs/story-format.md shows how.
 *
 * @example
 * import { storySchema } from './storySchema.js';
 * storySchema.$id; // 'https://offshoot.dev/schema/story-1.schema.json'
 */
export const storySchema: Readonly<Record<string, unknown>> & { $id: string } = schema;

/** Where a story's `"$schema"` may point (the published id of this schema). */
export const STORY_SCHEMA_ID = schema.$id;
