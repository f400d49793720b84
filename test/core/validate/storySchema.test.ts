import { readdirSync, readFileSync } from 'node:fs';
import { Validator } from '@cfworker/json-schema';
import type { Schema } from '@cfworker/json-schema';
import { describe, expect, it } from 'vitest';
import { storySchema, STORY_SCHEMA_ID } from '../../../src/core/schema/storySchema.js';

// The schema file as editors use it (with its `allOf`/`oneOf` rules and `$ref`s), checked on its own.
const editorValidator = new Validator(storySchema as Schema, '2020-12', false);
const story = () => JSON.parse(readFileSync('test/fixtures/stories/valid/minimal.json', 'utf8'));

function objectsWithProperties(node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (typeof node !== 'object' || node === null) return out;
  const record = node as Record<string, unknown>;
  if (typeof record.properties === 'object') out.push(record);
  for (const value of Object.values(record)) objectsWithProperties(value, out);
  return out;
}

describe('story.schema.json', () => {
  it('is draft 2020-12 with an id', () => {
    expect(storySchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(STORY_SCHEMA_ID).toMatch(/^https:\/\//);
  });

  it('describes every field, and closes every object but for x- extensions', () => {
    for (const object of objectsWithProperties(storySchema)) {
      for (const [name, field] of Object.entries(object.properties as Record<string, Record<string, unknown>>)) {
        expect(typeof field.description === 'string' || typeof field.$ref === 'string', name).toBe(true);
      }
      expect(object.additionalProperties).toBe(false);
      expect(Object.keys(object.patternProperties as object)).toEqual(['^x-']);
    }
  });

  it.each(readdirSync('test/fixtures/stories/valid'))(
    'accepts the valid fixture %s as is (with its "$schema")',
    (file) => {
      const value = JSON.parse(readFileSync(`test/fixtures/stories/valid/${file}`, 'utf8'));
      expect(editorValidator.validate(value).errors).toEqual([]);
    },
  );

  it('points "$schema" of the fixtures at the schema file', () => {
    const value = JSON.parse(readFileSync('test/fixtures/stories/valid/fox-and-cave.json', 'utf8'));
    expect(
      readFileSync(new URL(value.$schema, new URL('../../fixtures/stories/valid/', import.meta.url)), 'utf8'),
    ).toContain('"$id"');
  });

  it('states the exactly-one-of rules itself, for editors', () => {
    const both = story();
    both.segments.river.generate = { prompt: 'a river' };
    expect(editorValidator.validate(both).valid).toBe(false);
    const neither = story();
    delete neither.segments.ending.end;
    expect(editorValidator.validate(neither).valid).toBe(false);
  });

  it('rejects unknown fields and accepts x- fields', () => {
    const value = story();
    value['x-tool'] = { any: 'thing' };
    value.segments.intro['x-note'] = 1;
    expect(editorValidator.validate(value).valid).toBe(true);
    value.segments.intro.nxt = 'woods';
    expect(editorValidator.validate(value).valid).toBe(false);
  });
});
