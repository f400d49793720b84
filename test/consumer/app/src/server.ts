// The backend package from a Node script: type-checked only (the test runs its bin).
import { createHttpGenerator, createProceduralGenerator, startServer } from '@offshoot/server';
import type { Generator, RunningServer } from '@offshoot/server';

export async function serve(stories: string, secret: string, modelServer?: string): Promise<RunningServer> {
  const generator: Generator = modelServer
    ? createHttpGenerator({ url: modelServer, version: 'm1' })
    : createProceduralGenerator();
  return startServer({ generator, stories, secret, port: 0 });
}
