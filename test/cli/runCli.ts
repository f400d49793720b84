// Runs `main()` in-process with a recording CliIO.
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/CliIO.js';

export async function runCli(argv: string[], errIsTTY = false) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { out: (t) => void (stdout += t), err: (t) => void (stderr += t), errIsTTY, exitCode: 0 };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
