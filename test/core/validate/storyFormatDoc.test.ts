import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateStory } from '../../../src/core/validate/validateStory.js';
import { ISSUE_CODES, WARNING_CODES } from '../../../src/core/validate/ValidationReport.js';

// docs/story-format.md is normative: its example must validate and its table must cover every code.
const doc = readFileSync('docs/story-format.md', 'utf8');

describe('docs/story-format.md', () => {
  it('has an example story that validates without issues', () => {
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1] ?? '';
    const report = validateStory(example, { file: 'story-format.md' });
    expect([...report.errors, ...report.warnings]).toEqual([]);
  });

  it('lists every issue code with its severity', () => {
    for (const code of ISSUE_CODES) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
      expect(row, code).toBeDefined();
      expect(row).toContain(WARNING_CODES.has(code) ? '| warning |' : '| error |');
    }
  });
});
