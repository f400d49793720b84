import type { ChoiceStep } from '../../core/protocol/GenerationRequest.js';
import { createGenerationClient } from '../generation/GenerationClient.js';
import type { GenerationClient, GenerationClientOptions } from '../generation/GenerationClient.js';
import {
  beginOutage,
  endOutage,
  leaveReconnecting,
  markGenerationFailed,
  showReconnecting,
  updateHold,
} from './holdForGenerated.js';
import { lifecycleState } from '../lifecycle/lifecycleState.js';
import type { PlayerHost } from './PlayerHost.js';

/**
 * Generated segments: lookahead while the viewer watches (`plan` at each segment,
 * `commit` at each choice), readiness marks on options whose branch is still rendering,
 * and a failed render turned into a skipped segment (another path) with a non-fatal error.
 * Returns null when the story has no `generate` segment or no backend is configured.
 *
 * @example
 * host.generation = wireGeneration(host, { baseUrl: 'https://gen.example.com' });
 */
export function wireGeneration(
  host: PlayerHost,
  options: GenerationClientOptions | undefined,
): { client: GenerationClient; destroy: () => void } | null {
  const { story, hub, overlay, records } = host;
  const waitingFor = (): string | null => lifecycleState(host.lifecycle).waitingFor;
  if (!options || !Object.values(story.segments).some((s) => s.generate)) return null;
  const client = createGenerationClient(options);
  const history = (): ChoiceStep[] =>
    (host.actor?.getSnapshot().context.history ?? []).map((h) => ({ segmentId: h.segmentId, optionId: h.optionId }));
  let open: { segmentId: string; targets: Map<string, string> } | null = null;

  const offs = [
    hub.on('segmentstart', ({ segmentId }) => {
      const c = host.actor?.getSnapshot().context;
      // Ready in time means the viewer never saw the hold for it: what the picture showed.
      const held = records.held.delete(segmentId);
      if (c) client.plan(story, { segmentId, vars: c.vars, visits: c.visits }, history(), undefined, held);
      open = null;
    }),
    hub.on('choicestart', (e) => {
      const choice = story.segments[e.segmentId]?.choice;
      const targets = new Map<string, string>();
      for (const o of e.options) {
        const next = choice?.options.find((c) => c.id === o.id)?.next;
        if (!next || !story.segments[next]?.generate) continue;
        targets.set(o.id, next);
        overlay.setOptionReady(o.id, client.status(next).ready);
      }
      open = { segmentId: e.segmentId, targets };
    }),
    hub.on('choice', () => {
      client.commit(history());
      open = null;
    }),
    client.on('ready', ({ segmentId }) => {
      // The hold itself comes down when queueSegment/loadTimeline splice the segment (at
      // the safe start, which may be later than the head).
      for (const [optionId, target] of open?.targets ?? []) {
        if (target !== segmentId) continue;
        overlay.setOptionReady(optionId, true);
        // Rendered after the choice opened (wireStory prefetched only what was ready then):
        // warm it now, so a choice locked near the boundary splices without a frozen gap.
        try {
          host.engine.prefetch([host.source(segmentId)]);
        } catch (error) {
          console.warn('[offshoot] could not prefetch a generated branch', error);
        }
      }
    }),
    client.on('progress', ({ segmentId, progress }) => {
      if (waitingFor() === segmentId) updateHold(host, progress);
    }),
    client.on('failed', ({ segmentId, message }) => {
      endOutage(host, 'generation');
      markGenerationFailed(host, segmentId, message);
    }),
    // The backend stopped answering (down, restarting, overloaded): the client retries with
    // backoff; the viewer holding for a branch is told "Reconnecting…" instead of a stuck bar.
    client.on('retry', (notice) => {
      // A 429 is the backend answering (pacing this viewer), not an outage.
      if (notice.code === 'rate-limited') return;
      beginOutage(host, 'generation', notice.message, notice.code, waitingFor() ?? undefined);
      // Only over a picture already held (wireEngine shows it when the picture stops later).
      if (overlay.state().holding) showReconnecting(host);
    }),
    client.on('recovered', () => {
      endOutage(host, 'generation');
      leaveReconnecting(host, waitingFor());
    }),
  ];
  return {
    client,
    destroy() {
      offs.forEach((off) => off());
      client.destroy();
    },
  };
}
