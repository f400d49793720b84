// A loopback HTTP server the browser tests inject network faults with. It serves files
// from the repository root (test media) or, given a `target`, proxies to another origin
// (the real generation backend), and answers requests matching a rule with a fault: an
// HTTP status, a hang, a body cut mid-way, garbage bytes or another body. It can also go
// down (port closed, open connections cut) and come back on the same port. Every request
// is logged with a server-side timestamp, so tests measure retry counts and backoff delays
// without trusting the page's timers. Driven from tests through vitest browser commands
// (vitest.config.ts, test/support/faultCommands.ts).
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

/** What a matching request gets instead of the real answer. */
export type FaultKind =
  /** Answer `status` with an empty body. */
  | 'status'
  /** Accept the request and never answer (until the server stops or goes down). */
  | 'hang'
  /** Send the real headers (Content-Length of the full body), half the body, then cut the connection. */
  | 'truncate'
  /** 200 with the real length of deterministic garbage bytes. */
  | 'corrupt'
  /** 200 with `body` instead of the file. */
  | 'body';

export interface FaultRule {
  /** Substring of the request path (query excluded) the rule applies to. */
  path: string;
  fault: FaultKind;
  /** For `status`. */
  status?: number;
  /** For `body`. */
  body?: string;
  /** How many matching requests get the fault (then the real answer). Default: all. */
  times?: number;
}

export interface FaultLogEntry {
  /** Request path. */
  path: string;
  /** ms since the server started, server clock. */
  at: number;
  /** The fault applied, or null for the real answer. */
  fault: FaultKind | null;
}

const TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.json': 'application/json',
};

/**
 * One fault server. `start()` listens on 127.0.0.1 (a free port, kept across down/up).
 *
 * @example
 * const s = new FaultServer(); const origin = await s.start();
 * s.setRules([{ path: 'broken/seg_001.m4s', fault: 'status', status: 500, times: 2 }]);
 */
export class FaultServer {
  private server: Server | null = null;
  private port = 0;
  private rules: Array<FaultRule & { left: number }> = [];
  private readonly sockets = new Set<Socket>();
  private readonly started = performance.now();
  readonly log: FaultLogEntry[] = [];

  constructor(
    /** Origin to proxy to; files from `root` when absent. */
    private readonly target?: string,
    private readonly root = process.cwd(),
  ) {}

  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(this.port, '127.0.0.1', () => done());
    });
    server.unref();
    this.server = server;
    const address = server.address();
    if (typeof address === 'object' && address) this.port = address.port;
    return `http://127.0.0.1:${this.port}`;
  }

  /** Close the port and cut every open connection (a backend that died). */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    const closed = new Promise<void>((done) => server.close(() => done()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  /** Listen again on the same port (the backend came back). */
  async up(): Promise<void> {
    if (!this.server) await this.start();
  }

  /** Replace the rules and start a fresh request log. */
  setRules(rules: FaultRule[]): void {
    this.log.length = 0;
    this.rules = rules.map((r) => ({ ...r, left: r.times ?? Infinity }));
  }

  async stop(): Promise<void> {
    this.rules = [];
    await this.down();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const rule = req.method === 'OPTIONS' ? undefined : this.rules.find((r) => r.left > 0 && path.includes(r.path));
    if (rule) rule.left--;
    this.log.push({ path, at: Math.round(performance.now() - this.started), fault: rule?.fault ?? null });
    res.setHeader('access-control-allow-origin', '*');
    if (rule?.fault === 'hang') return; // the socket is cut by down()/stop()
    if (rule?.fault === 'status') {
      res.writeHead(rule.status ?? 500).end();
      return;
    }
    if (rule?.fault === 'body') {
      res
        .writeHead(200, {
          'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        })
        .end(rule.body ?? '');
      return;
    }
    if (this.target && !rule) return this.proxy(req, res);
    const bytes = this.target ? await this.fetchTarget(req) : await this.readFile(path);
    if (!bytes) {
      res.writeHead(404).end();
      return;
    }
    const headers = {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'content-length': String(bytes.length),
      'cache-control': 'no-store',
    };
    if (rule?.fault === 'truncate') {
      res.writeHead(200, headers);
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
      return;
    }
    res.writeHead(200, headers).end(rule?.fault === 'corrupt' ? garbage(bytes.length) : bytes);
  }

  private async readFile(path: string): Promise<Buffer | null> {
    const file = resolve(this.root, `.${normalize(decodeURIComponent(path))}`);
    if (!file.startsWith(join(this.root, '/'))) return null;
    return readFile(file).catch(() => null);
  }

  private async fetchTarget(req: IncomingMessage): Promise<Buffer | null> {
    const res = await fetch(new URL(req.url ?? '/', this.target)).catch(() => null);
    return res?.ok ? Buffer.from(await res.arrayBuffer()) : null;
  }

  /** Stream the request to the target and its answer back (SSE included); a cut on either side cuts the other. */
  private proxy(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.target);
    const upstream = httpRequest(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.socket?.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  }
}

/** Bytes that are no valid MP4 box structure (a seeded LCG: the same garbage every run). */
function garbage(length: number): Buffer {
  const out = Buffer.alloc(length);
  let x = 0x2545f491;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}
