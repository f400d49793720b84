import { describe, expect, it } from 'vitest';
import { heapBreakdown, topGrowth } from '../../bench/support/heapBreakdown.js';

// A snapshot in V8's layout: nodes are flat rows of node_fields, types index node_types[0].
const types = [
  'hidden',
  'array',
  'string',
  'object',
  'code',
  'closure',
  'regexp',
  'number',
  'native',
  'synthetic',
  'concatenated string',
  'sliced string',
];
const snapshot = (rows: Array<[type: string, name: string, size: number]>) => {
  const strings: string[] = [];
  const nodes = rows.flatMap(([type, name, size], id) => {
    strings.push(name);
    return [types.indexOf(type), strings.length - 1, id, size, 0, 0, 0];
  });
  return {
    snapshot: {
      meta: {
        node_fields: ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'],
        node_types: [types] as [string[]],
      },
    },
    nodes,
    strings,
  };
};

describe('heapBreakdown', () => {
  const before = heapBreakdown(
    snapshot([
      ['synthetic', '(GC roots)', 0],
      ['object', 'Object', 100],
      ['code', 'system / Code', 400],
      ['native', 'blink::Node', 9000],
      ['string', 'hello', 30],
    ]),
  );
  const after = heapBreakdown(
    snapshot([
      ['synthetic', '(GC roots)', 0],
      ['object', 'Object', 100],
      ['object', 'Object', 60],
      ['array', '(object elements)', 450],
      ['code', 'system / Code', 900],
      ['native', 'blink::Node', 12000],
      ['concatenated string', 'a long text', 20],
      ['string', 'hello', 30],
    ]),
  );

  it('splits compiled code from data and leaves Blink and synthetic nodes out', () => {
    expect(before).toMatchObject({ codeBytes: 400, dataBytes: 130 });
    expect(after).toMatchObject({ codeBytes: 900, dataBytes: 660 });
    expect(after.byName.get('object:Object')).toBe(160);
    expect(after.byName.has('native:blink::Node')).toBe(false);
  });

  it('groups strings without their contents', () => {
    expect(after.byName.get('string:(string)')).toBe(30);
    expect(after.byName.get('concatenated string:(string)')).toBe(20);
  });

  it('lists what grew most, largest first, only growth', () => {
    expect(topGrowth(before, after, 3)).toEqual([
      { name: 'code:system / Code', bytes: 500 },
      { name: 'array:(object elements)', bytes: 450 },
      { name: 'object:Object', bytes: 60 },
    ]);
  });

  it('refuses JSON that is not a heap snapshot', () => {
    expect(() =>
      heapBreakdown({ snapshot: { meta: { node_fields: ['id'], node_types: [[]] } }, nodes: [], strings: [] }),
    ).toThrow(/not a V8 heap snapshot/);
  });
});
