// The backend package from a Node script: type-checked only (the test runs its bin).
import { startServer } from '@offshoot/server';
import type { RunningServer, ServerOptions } from '@offshoot/server';

export async function serve(options: ServerOptions): Promise<RunningServer> {
  return startServer(options);
}
