// `style` words from the spec: whole-frame grading applied after mood.
export interface StyleLook {
  words: readonly string[];
  /** 0..1 towards grey (1 = black and white). */
  desaturate?: number;
  /** 0..1 towards white (pastel). */
  lighten?: number;
  /** Replace the warm light / windows colour. */
  warm?: string;
  tint?: string;
  vignette?: number;
}

export const STYLES: Readonly<Record<string, StyleLook>> = {
  noir: {
    words: ['noir', 'monochrome', 'black-and-white', 'bw', 'grayscale', 'greyscale'],
    desaturate: 1,
    vignette: 0.8,
  },
  pastel: { words: ['pastel', 'soft', 'watercolor', 'watercolour', 'storybook'], lighten: 0.28, desaturate: 0.1 },
  neon: { words: ['neon', 'cyberpunk', 'synthwave', 'vaporwave'], warm: '#ff3fd2', tint: 'rgba(120,0,160,0.15)' },
  vivid: { words: ['vivid', 'cartoon', 'bold', 'colorful', 'colourful'], desaturate: -0.3 },
  muted: { words: ['muted', 'faded', 'vintage', 'retro', 'film'], desaturate: 0.35, tint: 'rgba(255,220,170,0.12)' },
};
