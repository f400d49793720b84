// CSS colour names a story is likely to put in state ("fox is red") plus a few
// story-ish extras. Hex so the painter can mix them; unknown names fall back.
export const NAMED_COLORS: Readonly<Record<string, string>> = {
  black: '#000000', white: '#ffffff', gray: '#808080', grey: '#808080', silver: '#c0c0c0',
  red: '#d7263d', crimson: '#dc143c', maroon: '#800000', pink: '#ff8fb1', hotpink: '#ff69b4',
  orange: '#f28c28', coral: '#ff7f50', tomato: '#ff6347', amber: '#ffbf00', gold: '#ffd700',
  yellow: '#f5d547', olive: '#808000', lime: '#32cd32', green: '#2e9e4f', teal: '#008080',
  cyan: '#00c8d7', turquoise: '#40e0d0', blue: '#2f6fde', navy: '#1b2a6b', indigo: '#4b0082',
  purple: '#7e3fb8', violet: '#8f5bd6', magenta: '#e040a0', brown: '#8b5a2b', tan: '#d2b48c',
  beige: '#e8dcc0', cream: '#fff3d6', ginger: '#c8642a', rust: '#b7410e', copper: '#b87333',
  snow: '#fffafa', ivory: '#fffff0', chocolate: '#7b3f00', sky: '#87ceeb', skyblue: '#87ceeb',
};
