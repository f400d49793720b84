import { describe, expect, it } from 'vitest';
import { ambienceGraph } from '../../../src/server/generate/procedural/audio/ambienceGraph.js';
import { chooseAmbience } from '../../../src/server/generate/procedural/audio/chooseAmbience.js';
import { composeScene } from '../../../src/server/generate/procedural/scene/composeScene.js';

const scene = (prompt: string, seed = 1) => composeScene({ prompt, seed }, {}, { durationSeconds: 4 });
const kinds = (prompt: string) => chooseAmbience(scene(prompt)).map((l) => l.kind);

describe('procedural ambience', () => {
  it('follows the scene: surf and rain and wind for a storm at sea, a rumble for the city, room tone and a drone for a calm night indoors', () => {
    expect(kinds('A stormy sea with a boat')).toEqual(['surf', 'rain', 'wind']);
    expect(kinds('A robot in the rainy city streets at night')).toEqual(['rumble', 'rain', 'drone']);
    expect(kinds('A calm night in the cozy kitchen')).toEqual(['roomtone', 'drone']);
    expect(kinds('A fox walks through the forest at dusk')).toEqual(['wind']);
    expect(kinds('Stars over the sky')).toEqual(['drone']);
    expect(chooseAmbience(scene('A stormy sea')).find((l) => l.kind === 'wind')?.gain).toBeGreaterThan(1);
  });

  it('is a deterministic, seeded lavfi graph: same scene same graph, another seed other noise', () => {
    const graph = ambienceGraph(scene('A stormy sea with a boat', 5));
    expect(ambienceGraph(scene('A stormy sea with a boat', 5))).toBe(graph);
    expect(ambienceGraph(scene('A stormy sea with a boat', 6))).not.toBe(graph);
    // Every noise source has a fixed seed (anoisesrc's default, -1, is random).
    const sources = graph.match(/anoisesrc=[^,]*/g) ?? [];
    expect(sources.length).toBe(6);
    for (const src of sources) expect(src).toMatch(/:seed=\d+$/);
    expect(graph).toMatch(/aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo$/);
    expect(() => ambienceGraph(scene('x'), [])).toThrow(/at least one layer/);
  });
});
