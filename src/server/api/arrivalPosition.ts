import type { Position } from '../../core/rules/index.js';
import { candidateSegments, replayHistory, RuleError } from '../../core/rules/index.js';
import type { GenerationRequest, Story } from '../../core/index.js';
import { HttpError } from '../http/HttpError.js';

/** How far ahead of the viewer a segment may be requested (choice/route levels). */
export const LOOKAHEAD_DEPTH = 2;

/**
 * The viewer's state when they would arrive at the requested segment, learned only from the
 * story's own rules: replay `history` from the start (400 `bad-history` when it does not fit
 * the story), then the segment must be where they are or among the candidates within
 * LOOKAHEAD_DEPTH levels (403 `unreachable` otherwise).
 *
 * @example
 * arrivalPosition(story, { storyId: 'demo', segmentId: 'cave', history: [] }).vars;
 */
export function arrivalPosition(story: Story, request: GenerationRequest): Position {
  let here: Position;
  try {
    here = replayHistory(story, request.history);
  } catch (error) {
    if (error instanceof RuleError)
      throw new HttpError(400, 'bad-history', `history does not fit story "${story.id}": ${error.message}`);
    throw error;
  }
  if (here.segmentId === request.segmentId) return here;
  const candidate = candidateSegments(story, here, LOOKAHEAD_DEPTH).find((c) => c.segmentId === request.segmentId);
  if (!candidate) {
    throw new HttpError(
      403,
      'unreachable',
      `segment "${request.segmentId}" is not reachable within ${LOOKAHEAD_DEPTH} steps of "${here.segmentId}" for this history`,
    );
  }
  return candidate.position;
}
