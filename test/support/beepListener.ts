// Decoded audio, heard from the media element itself: a Web Audio analyser on the element's
// output, polled while it plays, finds where each beep of the beep-* test media starts (and
// its pitch) in media time. Used by the alternate-audio browser tests.

/** One beep heard: its onset in media time (median over the polls that saw it) and its pitch. */
export interface HeardBeep {
  /** Seconds on the element's timeline. */
  at: number;
  /** Estimated from zero crossings, Hz. */
  hz: number;
  /** How many polls saw this onset (each gives one estimate). */
  polls: number;
}

const WINDOW = 32768; // 0.68 s at 48 kHz: a beep's onset stays in view across many polls

/**
 * Listen to `video`'s decoded audio (unmutes it: a muted element feeds the graph silence).
 * Each poll maps the analyser's window to media time by the element's clock
 * (`currentTime` at the poll = the window's end); the same mapping for every beep of a run, so
 * beeps compare with each other exactly, while the absolute offset (output latency) is common.
 *
 * @example
 * const ear = listenForBeeps(video); ...; ear.stop(); ear.beeps(); // [{ at: 0.52, hz: 1000, polls: 30 }]
 */
export function listenForBeeps(video: HTMLVideoElement): {
  beeps(): HeardBeep[];
  /** Whether some poll had media time `t` in its window (else a beep there could not be heard: a busy page). */
  observed(t: number): boolean;
  /** Forget what was heard so far (to hear the same media time again after a seek back). */
  clear(): void;
  /** Context state, polls made, loudest sample seen: for a failure message. */
  describe(): string;
  stop(): void;
} {
  video.muted = false;
  video.volume = 1;
  const context = new AudioContext();
  const source = context.createMediaElementSource(video);
  const analyser = context.createAnalyser();
  analyser.fftSize = WINDOW;
  const silent = context.createGain();
  silent.gain.value = 0; // keeps the graph rendering without making sound
  source.connect(analyser).connect(silent).connect(context.destination);
  const data = new Float32Array(WINDOW);
  const estimates: Array<{ at: number; hz: number }> = [];
  /** Media time at each poll: the window covered (now − 0.66 s, now − 0.02 s]. */
  const polls: number[] = [];
  let stopped = false;
  let peak = 0;
  let state: AudioContextState | undefined;
  const rate = context.sampleRate;
  const quiet = Math.round(rate * 0.05);
  // Just after a seek the window still holds audio from before it, which the new clock would
  // misplace (earlier than the seek target): polls wait 0.3 s.
  let seekedAt = -Infinity;
  const onSeeking = (): void => void (seekedAt = performance.now());
  video.addEventListener('seeking', onSeeking);
  const timer = setInterval(() => {
    if (video.paused || video.seeking || performance.now() - seekedAt < 300) return;
    const now = video.currentTime;
    analyser.getFloatTimeDomainData(data);
    polls.push(now);
    for (const x of data) peak = Math.max(peak, Math.abs(x));
    for (let i = quiet; i < WINDOW - Math.round(rate * 0.02); i++) {
      if (Math.abs(data[i]!) <= 0.1) continue;
      // Quiet from 50 to 25 ms before: the start of a beep, not a sample inside one (the last
      // 25 ms may hold the sine's first quarter-cycle and the AAC frame's pre-echo).
      let before = 0;
      for (let j = i - quiet; j < i - quiet / 2; j++) before = Math.max(before, Math.abs(data[j]!));
      if (before > 0.05) continue;
      let crossings = 0;
      const span = Math.round(rate * 0.02);
      for (let j = i + 1; j < i + span; j++) if (data[j - 1]! < 0 !== data[j]! < 0) crossings++;
      estimates.push({ at: now - (WINDOW - i) / rate, hz: (crossings / 2) * (rate / span) });
      i += Math.round(rate * 0.2);
    }
  }, 15);
  return {
    beeps() {
      const groups: Array<Array<{ at: number; hz: number }>> = [];
      for (const e of [...estimates].sort((a, b) => a.at - b.at)) {
        const last = groups.at(-1);
        if (last && e.at - last[0]!.at < 0.3) last.push(e);
        else groups.push([e]);
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      return groups.map((g) => ({ at: median(g.map((e) => e.at)), hz: median(g.map((e) => e.hz)), polls: g.length }));
    },
    clear() {
      estimates.length = 0;
      polls.length = 0;
    },
    describe: () => `context ${state ?? context.state}, ${polls.length} polls, peak ${peak.toFixed(3)}`,
    observed: (t) => polls.some((now) => now - t > 0.03 && now - t < (WINDOW / rate) * 0.9),
    stop() {
      if (stopped) return;
      stopped = true;
      state = context.state;
      clearInterval(timer);
      video.removeEventListener('seeking', onSeeking);
      void context.close();
    },
  };
}
