/** What the generated CSF module hands the runtime: the story file, inlined at build time. */
export interface AuthorSource {
  /** The story file's text. */
  text: string;
  /** Its file name (for messages and as the URL media resolve against). */
  file: string;
  /** Folder (relative to iframe.html) where the story's folder is served. */
  storyDir: string;
  /** Generation backend from OFFSHOOT_BACKEND(_TOKEN), or null. */
  backend: { baseUrl: string; token?: string } | null;
}
