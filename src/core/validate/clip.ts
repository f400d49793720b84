/**
 * `text` when it is at most `max` characters, else its first `max - 3` and an ellipsis, so
 * an issue message quoting a long expression or id stays one readable line.
 *
 * @example
 * clip('a'.repeat(100)); // 'aaa…' (57 characters and the ellipsis)
 */
export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 3)}…` : text;
}
