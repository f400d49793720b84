import type { JobFailureCode } from '../../core/protocol/BackendErrorCode.js';

/** A failed render as a job reports it: a stable code and a message a person can act on. */
export interface RenderFailure {
  code: JobFailureCode;
  message: string;
}

// Matched on the error code (Node fs calls) and on the text (an encoder child such as ffmpeg
// only says "No space left on device" on stderr), so a fault is named the same either way.
const FAULTS: Array<{ code: RenderFailure['code']; errno: string[]; text: RegExp; says: string }> = [
  {
    code: 'store-full',
    errno: ['ENOSPC', 'EDQUOT'],
    text: /ENOSPC|EDQUOT|No space left on device|quota exceeded/i,
    says: 'the segment store is full',
  },
  {
    code: 'store-read-only',
    errno: ['EROFS', 'EACCES', 'EPERM'],
    text: /EROFS|Read-only file system/i,
    says: 'the segment store is read-only or not writable',
  },
];

/** Marks a message as already explained (so a second pass, e.g. BullMQ's failedReason, keeps it). */
const EXPLAINED = /^(store-full|store-read-only): /;

/**
 * Names why a render failed. A full or read-only store (ENOSPC, EDQUOT, EROFS, EACCES, EPERM,
 * or an encoder saying so) becomes `store-full` / `store-read-only` with a message that says
 * what happened and that nothing of the render is served; anything else is `render-failed`
 * with the original message. Works on an Error or on a message already turned into text
 * (a BullMQ `failedReason`), and gives the same answer for both.
 *
 * @example
 * renderFailure(Object.assign(new Error('write failed'), { code: 'ENOSPC' }));
 * // { code: 'store-full', message: 'store-full: the segment store is full (ENOSPC: write failed); …' }
 */
export function renderFailure(error: unknown): RenderFailure {
  const message = error instanceof Error ? error.message : String(error);
  const explained = EXPLAINED.exec(message);
  if (explained) return { code: explained[1] as RenderFailure['code'], message };
  const errno = (error as { code?: unknown } | null)?.code;
  for (const fault of FAULTS) {
    if ((typeof errno === 'string' && fault.errno.includes(errno)) || fault.text.test(message)) {
      const cause = typeof errno === 'string' && !message.includes(errno) ? `${errno}: ${message}` : message;
      return {
        code: fault.code,
        message: `${fault.code}: ${fault.says} (${cause}); the render was abandoned and nothing of it is served; ask again once the store is writable`,
      };
    }
  }
  return { code: 'render-failed', message };
}
