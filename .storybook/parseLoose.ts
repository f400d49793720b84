/**
 * The story file's JSON, or undefined when it does not parse: the stories then show the
 * validator's message for it instead of Storybook failing to start.
 *
 * @example
 * parseLoose('{"segments":{}}'); // { segments: {} }
 */
export function parseLoose(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
