// What each page reports to the test: the player's events in order.
export interface LogEntry {
  type: string;
  payload?: unknown;
}

declare global {
  interface Window {
    offshootLog: LogEntry[];
  }
}

window.offshootLog = [];

export function log(type: string, payload?: unknown): void {
  window.offshootLog.push({ type, payload });
}
