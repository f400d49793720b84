// vitest browser commands (they run in the Node process that runs vitest) that let a
// browser test start fault servers (test/support/faultServer.ts) and control them.
// Registered in vitest.config.ts; typed for the page below.
import { FaultServer } from './faultServer.js';
import type { FaultLogEntry, FaultRule } from './faultServer.js';

const servers = new Map<number, FaultServer>();
let nextId = 1;

function get(id: number): FaultServer {
  const server = servers.get(id);
  if (!server) throw new Error(`fault server ${id}: not started (or already stopped)`);
  return server;
}

/** The commands, by name (`commands.faultStart(...)` in a browser test). */
export const faultCommands = {
  /** Start a server: files from the repo root, or a proxy to `target`. Returns its id and origin. */
  async faultStart(_ctx: unknown, target?: string): Promise<{ id: number; origin: string }> {
    const server = new FaultServer(target);
    const origin = await server.start();
    const id = nextId++;
    servers.set(id, server);
    return { id, origin };
  },
  faultRules(_ctx: unknown, id: number, rules: FaultRule[]): void {
    get(id).setRules(rules);
  },
  faultLog(_ctx: unknown, id: number): FaultLogEntry[] {
    return get(id).log;
  },
  async faultDown(_ctx: unknown, id: number): Promise<void> {
    await get(id).down();
  },
  async faultUp(_ctx: unknown, id: number): Promise<void> {
    await get(id).up();
  },
  async faultStop(_ctx: unknown, id: number): Promise<void> {
    await servers.get(id)?.stop();
    servers.delete(id);
  },
};

declare module 'vitest/browser' {
  interface BrowserCommands {
    faultStart: (target?: string) => Promise<{ id: number; origin: string }>;
    faultRules: (id: number, rules: FaultRule[]) => Promise<void>;
    faultLog: (id: number) => Promise<FaultLogEntry[]>;
    faultDown: (id: number) => Promise<void>;
    faultUp: (id: number) => Promise<void>;
    faultStop: (id: number) => Promise<void>;
  }
}
