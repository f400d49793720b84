/**
 * The animated scene description: what `composeScene` builds from a spec and state and
 * what the painter draws. Plain JSON data (no functions, no randomness left in it), so
 * the same scene paints the same frames anywhere: Node on Skia, or a browser canvas.
 *
 * Coordinates live in a virtual 1280×720 stage; the painter scales to the output size.
 * `depth` is 0 for the far sky and 1 for the foreground: parallax and dolly scale with it.
 */
export interface Scene {
  /** Bumped when the description's meaning changes. */
  version: 1;
  seed: number;
  durationSeconds: number;
  setting: SettingId;
  timeOfDay: TimeOfDay;
  /** Mood words that shaped palette and weather, e.g. ["eerie"]. */
  moods: string[];
  palette: Palette;
  sky: Sky;
  layers: SceneLayer[];
  characters: Figure[];
  props: Prop[];
  particles: Particles;
  camera: Camera;
  caption?: CaptionLine;
  /** Seconds at which lightning lights the frame (storms only). */
  flashes: number[];
  /** Words of the prompt nothing matched: kept so tools can say what was ignored. */
  unmatched: string[];
}

export type SettingId = 'forest' | 'city' | 'sea' | 'desert' | 'mountains' | 'meadow' | 'nightsky' | 'room';
export type TimeOfDay = 'dawn' | 'day' | 'dusk' | 'night';
export type WeatherKind = 'clear' | 'rain' | 'snow' | 'fireflies' | 'leaves' | 'sparkles' | 'dust' | 'bubbles';
export type FigureKind = 'fox' | 'cat' | 'dog' | 'rabbit' | 'person' | 'robot' | 'bird';
export type PersonLook = 'plain' | 'wizard' | 'knight' | 'hood' | 'long-hair' | 'sailor';
export type PropKind = 'lantern' | 'campfire' | 'house' | 'boat' | 'lighthouse' | 'streetlamp' | 'tent';

export interface Palette {
  skyTop: string;
  skyBottom: string;
  /** Colour of the air at the horizon: far layers fade into it. */
  haze: string;
  /** Land colour of the nearest layer before shading. */
  land: string;
  /** Sun or moon disc. */
  light: string;
  /** Lit windows, lantern flames. */
  warm: string;
  /** Soft overlay over the whole frame (mood tint), with alpha. */
  tint: string;
  /** 0..1 vignette strength. */
  vignette: number;
}

export interface Sky {
  body?: { kind: 'sun' | 'moon'; x: number; y: number; radius: number; color: string };
  stars: { x: number; y: number; r: number; phase: number }[];
  clouds: { x: number; y: number; w: number; h: number; speed: number; color: string }[];
  /** Milky way band for clear nights. */
  band: boolean;
}

/** A silhouette band: mountains, hills, dunes, waves or near ground. */
export interface RidgeLayer {
  kind: 'ridge';
  style: 'mountains' | 'hills' | 'dunes' | 'waves' | 'ground';
  depth: number;
  color: string;
  /** Highlight colour for snow caps, wave crests, dune lit sides. */
  highlight?: string;
  /** Y of the band's base line in the stage. */
  baseline: number;
  amplitude: number;
  /** Heights 0..1 at equal steps over `span` px (wider than the stage so the camera can pan). */
  profile: number[];
  span: number;
  /** Waves: vertical swell in px, animated. */
  swell?: number;
}

export interface TreeLayer {
  kind: 'trees';
  depth: number;
  color: string;
  baseline: number;
  items: { x: number; h: number; w: number; shape: 'pine' | 'round' | 'palm' | 'cactus' }[];
}

export interface BuildingLayer {
  kind: 'buildings';
  depth: number;
  color: string;
  windowColor: string;
  baseline: number;
  items: { x: number; w: number; h: number; roof: 'flat' | 'spire' | 'slant'; litSeed: number }[];
}

/** Interior: back wall with a window onto the sky, floor, furniture silhouettes. */
export interface RoomLayer {
  kind: 'room';
  depth: number;
  wall: string;
  floor: string;
  trim: string;
  window: { x: number; y: number; w: number; h: number };
  items: { kind: 'shelf' | 'table' | 'plant' | 'frame'; x: number; w: number; h: number; color: string }[];
}

export type SceneLayer = RidgeLayer | TreeLayer | BuildingLayer | RoomLayer;

export interface Figure {
  name: string;
  kind: FigureKind;
  /** Main body colour, exactly as the story's state gave it (parsed to hex). */
  color: string;
  /** Secondary colour: belly, scarf, visor. */
  accent: string;
  /** Person variants: hat, helmet, hood, long hair. */
  look?: PersonLook;
  x: number;
  /** Y of the feet (ground line) in the stage. */
  y: number;
  scale: number;
  depth: number;
  motion: 'walk' | 'idle' | 'fly' | 'hop';
  /** Stage px per second along x (signed). */
  speed: number;
  facing: 1 | -1;
  /** Phase offset for cycles, seconds. */
  phase: number;
}

export interface Prop {
  kind: PropKind;
  x: number;
  y: number;
  scale: number;
  depth: number;
  color: string;
  /** Index into `characters`: the prop moves with that figure (a carried lantern). */
  carriedBy?: number;
  light?: { color: string; radius: number; flicker: number };
}

export interface Particles {
  kind: WeatherKind;
  color: string;
  /** Positions 0..1 of the stage at t=0, speed in stage heights/s, size in px. */
  items: { x: number; y: number; size: number; speed: number; phase: number }[];
}

export interface Camera {
  move: 'pan' | 'zoom' | 'dolly' | 'still';
  /** Stage px the camera travels over the clip (pan), scaled per layer by depth. */
  panPx: number;
  zoomFrom: number;
  zoomTo: number;
}

export interface CaptionLine {
  text: string;
  from: number;
  to: number;
}
