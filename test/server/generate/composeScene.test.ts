import { describe, expect, it } from 'vitest';
import { composeScene } from '../../../src/server/generate/procedural/scene/composeScene.js';

const opts = { durationSeconds: 4 };

describe('composeScene', () => {
  it('is deterministic: same spec and state give an identical scene', () => {
    const spec = {
      prompt: 'A fox carries a lantern through the forest at dusk',
      seed: 11,
      characters: [{ name: 'fox', color: '{c}' }],
    };
    const a = composeScene(spec, { c: 'ginger' }, opts);
    const b = composeScene(structuredClone(spec), { c: 'ginger' }, opts);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(composeScene({ ...spec, seed: 12 }, { c: 'ginger' }, opts).layers).not.toEqual(a.layers);
  });

  it('picks setting, time, mood, characters and props from the prompt words', () => {
    const forest = composeScene({ prompt: 'A fox carries a lantern through the forest at dusk', seed: 1 }, {}, opts);
    expect(forest).toMatchObject({ setting: 'forest', timeOfDay: 'dusk' });
    expect(forest.characters.map((c) => c.kind)).toEqual(['fox']);
    expect(forest.props).toEqual([
      expect.objectContaining({ kind: 'lantern', carriedBy: 0, light: expect.any(Object) }),
    ]);

    const city = composeScene({ prompt: 'A robot in the rainy city streets at night', seed: 1 }, {}, opts);
    expect(city).toMatchObject({ setting: 'city', timeOfDay: 'night', moods: ['rain'] });
    expect(city.particles.kind).toBe('rain');
    expect(city.layers.some((l) => l.kind === 'buildings')).toBe(true);
    expect(city.props.some((p) => p.kind === 'streetlamp')).toBe(true);

    const eerie = composeScene({ prompt: 'An eerie walk in the haunted mountains, an owl flies', seed: 1 }, {}, opts);
    expect(eerie).toMatchObject({ setting: 'mountains', timeOfDay: 'night', moods: ['eerie'] });
    expect(eerie.particles.kind).toBe('fireflies');
    expect(eerie.characters[0]).toMatchObject({ kind: 'bird', motion: 'fly' });

    const storm = composeScene({ prompt: 'A stormy sea with a boat', seed: 1 }, {}, { durationSeconds: 6 });
    expect(storm.setting).toBe('sea');
    expect(storm.flashes.length).toBeGreaterThan(0);
  });

  it('carries a character colour from state into the figure', () => {
    const spec = { prompt: 'The fox walks home', seed: 5, characters: [{ name: 'fox', color: '{foxColor}' }] };
    expect(composeScene(spec, { foxColor: '#3366ff' }, opts).characters[0]).toMatchObject({
      kind: 'fox',
      color: '#3366ff',
    });
    expect(composeScene(spec, { foxColor: 'purple' }, opts).characters[0]?.color).toBe('#7e3fb8');
  });

  it('keeps walkers on screen for the whole clip while the camera moves', () => {
    const scene = composeScene(
      { prompt: 'A girl and her dog walk along the beach', seed: 9 },
      {},
      { durationSeconds: 10 },
    );
    for (const f of scene.characters) {
      for (const t of [0, 5, 10]) {
        const screenX = f.x + f.speed * t - scene.camera.panPx * f.depth * (t / 10);
        expect(screenX).toBeGreaterThan(60);
        expect(screenX).toBeLessThan(1220);
      }
    }
  });

  it('does not fill an already resolved spec a second time', () => {
    const spec = { prompt: 'A fox named {x}', seed: 1 };
    expect(() => composeScene(spec, {}, opts)).toThrow(/placeholder \{x\}/);
    expect(composeScene(spec, {}, { ...opts, specIsResolved: true }).caption?.text).toBe('A fox named {x}');
  });

  it('applies the spec style and rejects a bad duration', () => {
    const noir = composeScene({ prompt: 'A fox in the forest', seed: 2, style: 'noir' }, {}, opts);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(noir.palette.land.slice(i, i + 2), 16));
    expect(r).toBe(g);
    expect(g).toBe(b);
    expect(() => composeScene({ prompt: 'x' }, {}, { durationSeconds: 0 })).toThrow(/durationSeconds must be > 0/);
  });
});
