import { tokenizeVTTCue } from 'media-captions';
import type { VTTCue, VTTNode } from 'media-captions';

/**
 * A cue's text as plain text: VTT markup (`<i>`, `<b>`, `<c.class>`, `<v Speaker>`, ruby,
 * timestamps) is parsed by media-captions and dropped, entities decoded; anything that looks
 * like HTML but is not VTT (`<script>`) is dropped by the same parser. The result is only ever
 * set as text (canvas text, `textContent`), never as HTML.
 *
 * @example
 * cueText(new VTTCue(0, 1, '<v Bob><i>Hi</i> &amp; bye')); // 'Hi & bye'
 */
export function cueText(cue: VTTCue): string {
  return tokenizeVTTCue(cue).map(nodeText).join('').trim();
}

function nodeText(node: VTTNode): string {
  if (node.type === 'text') return node.data;
  if (node.type === 'rt') return ''; // ruby annotations would read as doubled text
  return node.children.map(nodeText).join('');
}
