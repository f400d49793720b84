import type { ChoiceStep, GenerationRequest } from '../../core/index.js';
import { HttpError } from '../http/HttpError.js';

/** Longest history accepted: far beyond any real session, short enough to replay cheaply. */
export const MAX_HISTORY = 500;
const ID = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$/;

/**
 * Checks a POST /api/v1/generate body field by field and returns it typed, or throws a 400
 * that names the first field at fault and what it should be. Unknown fields are refused so
 * a client cannot believe it sent something (like state) the server would use.
 *
 * @example
 * parseGenerationRequest({ storyId: 'demo', segmentId: 'cave', history: [] });
 */
export function parseGenerationRequest(body: unknown): GenerationRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body)) bad('body', 'must be a JSON object');
  const input = body as Record<string, unknown>;
  for (const field of Object.keys(input)) {
    if (!['storyId', 'segmentId', 'history', 'deadline'].includes(field)) {
      bad(
        field,
        'is not a field of a generation request (storyId, segmentId, history, deadline); state is never taken from the client',
      );
    }
  }
  const storyId = id(input.storyId, 'storyId');
  const segmentId = id(input.segmentId, 'segmentId');
  if (!Array.isArray(input.history)) bad('history', 'must be an array of { segmentId, optionId } (empty at the start)');
  if (input.history.length > MAX_HISTORY) bad('history', `must have at most ${MAX_HISTORY} steps`);
  const history: ChoiceStep[] = input.history.map((step: unknown, i: number) => {
    if (!step || typeof step !== 'object' || Array.isArray(step))
      bad(`history[${i}]`, 'must be an object { segmentId, optionId }');
    const s = step as Record<string, unknown>;
    if (Object.keys(s).some((k) => k !== 'segmentId' && k !== 'optionId'))
      bad(`history[${i}]`, 'must have only segmentId and optionId');
    return {
      segmentId: id(s.segmentId, `history[${i}].segmentId`),
      optionId: id(s.optionId, `history[${i}].optionId`),
    };
  });
  const request: GenerationRequest = { storyId, segmentId, history };
  if (input.deadline !== undefined) {
    if (
      typeof input.deadline !== 'number' ||
      !Number.isFinite(input.deadline) ||
      input.deadline < 0 ||
      input.deadline > 86_400
    ) {
      bad('deadline', 'must be a number of seconds between 0 and 86400');
    }
    request.deadline = input.deadline;
  }
  return request;
}

function id(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ID.test(value))
    bad(field, 'must be an id string (letters, digits, _ . -; at most 128)');
  return value;
}

function bad(field: string, problem: string): never {
  throw new HttpError(400, 'bad-request', `${field} ${problem}`);
}
