import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createMachine } from 'xstate';
import { DOC, lifecycleMermaid, withDiagram } from '../../../scripts/lifecycle-diagram.js';
import { playerLifecycle } from '../../../src/player/lifecycle/playerLifecycle.js';

describe('the lifecycle diagram in docs/architecture.md', () => {
  test('is the machine as it is (run `npx tsx scripts/lifecycle-diagram.ts` after changing it)', () => {
    const doc = readFileSync(DOC, 'utf8');
    expect(withDiagram(doc, lifecycleMermaid(playerLifecycle))).toBe(doc);
  });

  test('is drawn from the machine: regions, parent-declared transitions per child, actors and guards', () => {
    const text = lifecycleMermaid(playerLifecycle);
    expect(text.startsWith('stateDiagram-v2\n  [*] --> loading\n')).toBe(true);
    expect(text).toContain('    state timeline {\n      [*] --> idle\n');
    expect(text).toMatch(/\n {4}--\n {4}state branch \{/);
    // START is declared on `timeline` for every state but idle (which has its own).
    expect(text).toContain('      ready --> generating: START [rendersFirst]\n');
    expect(text).toContain('      idle --> buffering: START\n');
    expect(text).toContain('      generating --> buffering: whenPlayable done\n');
    expect(text).toContain('      holding --> flowing: whenPlayable failed\n');
    expect(text).toContain('  running --> failed: FATAL\n');
    expect(text).not.toContain('destroyed --> destroyed');
  });

  test('draws any machine from its config: a change to the machine changes the drawing', () => {
    const machine = createMachine({
      initial: 'a',
      on: { STOP: '.done' },
      states: {
        a: { on: { GO: { target: 'b', guard: () => true } } },
        b: { initial: 'x', on: { BACK: '.y' }, states: { x: { on: { BACK: 'x' } }, y: {} } },
        done: { type: 'final' },
      },
    });
    expect(lifecycleMermaid(machine)).toBe(
      [
        'stateDiagram-v2',
        '  [*] --> a',
        '  state b {',
        '    [*] --> x',
        // x handles BACK itself; y re-entered would restart nothing, so it is not drawn.
        '    x --> x: BACK',
        '  }',
        '  a --> done: STOP',
        '  b --> done: STOP',
        '  a --> b: GO [guard]',
        '  done --> [*]',
        '',
      ].join('\n'),
    );
  });
});
