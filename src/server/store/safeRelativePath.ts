import { HttpError } from '../http/HttpError.js';

/**
 * Turns the raw (still percent-encoded) tail of a URL into checked path segments, or throws
 * a 400. Every segment is decoded on its own, so an encoded `/` (%2f), `\` or NUL can never
 * build a path; `.`/`..`, empty segments (`//`, which is how an absolute path sneaks in),
 * hidden names and names that are not plain file names are refused. Callers still resolve
 * the joined path and check that it stays inside their root.
 *
 * @example
 * safeRelativePath('init.mp4'); // ['init.mp4']
 * safeRelativePath('..%2fetc%2fpasswd'); // throws HttpError 400
 */
export function safeRelativePath(rawTail: string): string[] {
  if (rawTail === '') throw new HttpError(404, 'not-found', 'No file named');
  return rawTail.split('/').map((raw) => {
    let name: string;
    try {
      name = decodeURIComponent(raw);
    } catch {
      throw new HttpError(400, 'bad-path', 'Malformed percent-encoding in path');
    }
    if (name === '' || name === '.' || name === '..' || name.startsWith('.')) {
      throw new HttpError(400, 'bad-path', 'Path segments must be plain file or folder names');
    }
    if (/[/\\:]/.test(name) || hasControlCharacter(name)) {
      throw new HttpError(400, 'bad-path', 'Path segments must not contain separators or control characters');
    }
    return name;
  });
}

function hasControlCharacter(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
