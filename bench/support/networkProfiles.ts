import type { CDPSession } from 'playwright-core';

/** A throttled network as Chromium's DevTools emulates it (per request latency, shared throughput). */
export interface NetworkProfile {
  name: string;
  /** Megabits per second down; Infinity for no limit. */
  downMbps: number;
  upMbps: number;
  latencyMs: number;
}

/** `--network NAME`. `cable` is the design's reference (DESIGN.md, "Seamless splicing"). */
export const networkProfiles: Record<string, NetworkProfile> = {
  cable: { name: 'cable', downMbps: 8, upMbps: 2, latencyMs: 80 },
  slow: { name: 'slow', downMbps: 3, upMbps: 1, latencyMs: 150 },
  fast: { name: 'fast', downMbps: 50, upMbps: 10, latencyMs: 20 },
  none: { name: 'none', downMbps: Infinity, upMbps: Infinity, latencyMs: 0 },
};

/**
 * Throttle a page through the DevTools protocol, with the HTTP cache off so every segment
 * crosses the throttled link (a clip played twice is downloaded twice, by both players).
 *
 * @example
 * await applyNetworkProfile(await page.context().newCDPSession(page), networkProfiles.cable!);
 */
export async function applyNetworkProfile(cdp: CDPSession, profile: NetworkProfile): Promise<void> {
  const bytesPerSecond = (mbps: number) => (Number.isFinite(mbps) ? (mbps * 1_000_000) / 8 : -1);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: profile.latencyMs,
    downloadThroughput: bytesPerSecond(profile.downMbps),
    uploadThroughput: bytesPerSecond(profile.upMbps),
  });
}

/** The profile named `name`, or an error listing the known ones. */
export function networkProfile(name: string): NetworkProfile {
  const profile = networkProfiles[name];
  if (!profile)
    throw new Error(`--network ${name}: unknown profile; use one of ${Object.keys(networkProfiles).join(', ')}`);
  return profile;
}
