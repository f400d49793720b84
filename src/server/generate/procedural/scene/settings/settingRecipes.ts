import { depthColor } from '../buildPalette.js';
import { mix, shade } from '../color.js';
import type { Palette, SceneLayer, SettingId, TimeOfDay, WeatherKind } from '../Scene.js';
import { buildingRow, framingTrees, ridge, treeRow } from './layerShapes.js';

export interface RecipeInput {
  rand: () => number;
  palette: Palette;
  time: TimeOfDay;
  grade: (c: string) => string;
}

export interface RecipeOutput {
  layers: SceneLayer[];
  /** Y where characters stand. */
  groundY: number;
  /** Depth of the ground characters stand on (their parallax). */
  groundDepth: number;
  /** Weather when no mood asks for one. */
  weather: WeatherKind;
}

/** Base land colour per setting (daylight); time of day and mood shift it. */
export const SETTING_LAND: Readonly<Record<SettingId, string>> = {
  forest: '#2f6b3a',
  city: '#4a5068',
  sea: '#3b6b58',
  desert: '#d99a55',
  mountains: '#56657e',
  meadow: '#6aa84f',
  nightsky: '#2a3350',
  room: '#b98a5e',
};

const dark = (t: TimeOfDay) => t === 'night' || t === 'dusk';

/** How each setting stacks its parallax layers, far to near. */
export const SETTING_RECIPES: Readonly<Record<SettingId, (input: RecipeInput) => RecipeOutput>> = {
  forest: ({ rand, palette, time }) => ({
    layers: [
      ridge(rand, 'mountains', 0.1, depthColor(palette, 0.1), 470, 170, 0.6),
      ridge(rand, 'hills', 0.25, depthColor(palette, 0.25), 520, 90),
      treeRow(rand, 0.4, depthColor(palette, 0.4), 545, 34, 150, 'pine'),
      treeRow(rand, 0.6, depthColor(palette, 0.6), 585, 22, 230, 'mixed'),
      ridge(rand, 'ground', 0.85, depthColor(palette, 0.85), 640, 30, 0.45),
      framingTrees(rand, shade(palette.land, -0.8)),
    ],
    groundY: 630,
    groundDepth: 0.85,
    weather: dark(time) ? 'fireflies' : 'leaves',
  }),
  city: ({ rand, palette, time }) => {
    const win = dark(time) ? palette.warm : mix(palette.skyBottom, '#ffffff', 0.3);
    return {
      layers: [
        buildingRow(rand, 0.15, depthColor(palette, 0.15), mix(win, palette.haze, 0.4), 560, 330),
        buildingRow(rand, 0.4, depthColor(palette, 0.4), win, 600, 280),
        buildingRow(rand, 0.65, depthColor(palette, 0.65), win, 640, 200),
        ridge(rand, 'ground', 0.85, shade(depthColor(palette, 0.85), -0.3), 645, 10, 0.3),
      ],
      groundY: 638,
      groundDepth: 0.85,
      weather: 'clear',
    };
  },
  sea: ({ rand, palette, grade }) => {
    const water = grade(mix('#1f6f9e', palette.skyTop, 0.35));
    return {
      layers: [
        ridge(rand, 'mountains', 0.12, depthColor(palette, 0.12), 440, 60, 0.5),
        ridge(rand, 'waves', 0.3, mix(water, palette.haze, 0.45), 448, 8, 0.35, {
          highlight: mix(palette.light, water, 0.5),
          swell: 4,
        }),
        ridge(rand, 'waves', 0.55, water, 540, 16, 0.4, { highlight: mix(palette.light, water, 0.4), swell: 8 }),
        ridge(rand, 'dunes', 0.85, grade(mix('#e3c38f', palette.land, 0.45)), 650, 30, 0.4),
      ],
      groundY: 638,
      groundDepth: 0.85,
      weather: 'clear',
    };
  },
  desert: ({ rand, palette }) => ({
    layers: [
      ridge(rand, 'mountains', 0.1, depthColor(palette, 0.1), 470, 110, 0.35),
      ridge(rand, 'dunes', 0.3, depthColor(palette, 0.3), 560, 110, 0.4, {
        highlight: shade(depthColor(palette, 0.3), 0.15),
      }),
      ridge(rand, 'dunes', 0.55, depthColor(palette, 0.55), 620, 120, 0.4, {
        highlight: shade(depthColor(palette, 0.55), 0.15),
      }),
      treeRow(rand, 0.7, shade(palette.land, -0.55), 640, 7, 150, 'cactus'),
      ridge(rand, 'dunes', 0.88, depthColor(palette, 0.88), 642, 25, 0.4),
    ],
    groundY: 632,
    groundDepth: 0.88,
    weather: 'dust',
  }),
  mountains: ({ rand, palette }) => ({
    layers: [
      ridge(rand, 'mountains', 0.08, depthColor(palette, 0.08), 480, 330, 0.62, {
        highlight: mix(palette.light, '#ffffff', 0.5),
      }),
      ridge(rand, 'mountains', 0.25, depthColor(palette, 0.25), 530, 230, 0.6, {
        highlight: mix(palette.light, depthColor(palette, 0.25), 0.4),
      }),
      treeRow(rand, 0.5, depthColor(palette, 0.5), 590, 40, 110, 'pine'),
      ridge(rand, 'ground', 0.85, depthColor(palette, 0.85), 645, 25, 0.45),
    ],
    groundY: 635,
    groundDepth: 0.85,
    weather: 'clear',
  }),
  meadow: ({ rand, palette }) => ({
    layers: [
      ridge(rand, 'hills', 0.15, depthColor(palette, 0.15), 500, 110, 0.45),
      ridge(rand, 'hills', 0.35, depthColor(palette, 0.35), 560, 110, 0.45),
      treeRow(rand, 0.5, depthColor(palette, 0.5), 590, 6, 190, 'round'),
      ridge(rand, 'ground', 0.85, depthColor(palette, 0.85), 645, 25, 0.4),
    ],
    groundY: 635,
    groundDepth: 0.85,
    weather: 'clear',
  }),
  nightsky: ({ rand, palette }) => ({
    layers: [
      ridge(rand, 'hills', 0.2, depthColor(palette, 0.2), 620, 80, 0.5),
      treeRow(rand, 0.45, depthColor(palette, 0.45), 650, 14, 110, 'pine'),
      ridge(rand, 'ground', 0.85, depthColor(palette, 0.85), 650, 20, 0.4),
    ],
    groundY: 640,
    groundDepth: 0.85,
    weather: 'clear',
  }),
  room: ({ rand, palette, grade, time }) => {
    const wall = grade(mix('#c89a6c', palette.skyTop, dark(time) ? 0.55 : 0.1));
    const items: Extract<SceneLayer, { kind: 'room' }>['items'] = [
      { kind: 'shelf', x: 90 + rand() * 60, w: 200, h: 330, color: shade(wall, -0.45) },
      { kind: 'frame', x: 900 + rand() * 60, w: 150, h: 110, color: shade(wall, -0.3) },
      { kind: 'table', x: 760 + rand() * 80, w: 260, h: 120, color: shade(wall, -0.55) },
      { kind: 'plant', x: 1120 + rand() * 40, w: 90, h: 200, color: grade(mix('#2f6b3a', wall, 0.3)) },
    ];
    return {
      layers: [
        {
          kind: 'room',
          depth: 0.7,
          wall,
          floor: shade(wall, -0.5),
          trim: shade(wall, -0.25),
          window: { x: 420, y: 140, w: 340, h: 260 },
          items,
        },
      ],
      groundY: 645,
      groundDepth: 0.8,
      weather: 'clear',
    };
  },
};
