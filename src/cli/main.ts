/** Runs the `offshoot` command with `argv` (without node and script); resolves to the exit code. */
export async function main(_argv: string[]): Promise<number> {
  return 2;
}
