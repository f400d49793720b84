// Runs the `offshoot` CLI from source in its own process (the serve test sends it signals).
import { main } from '../../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
