import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_MAX_TOKEN_LIFETIME, signViewerToken } from '../../server/auth/ViewerToken.js';
import type { CliIO } from '../CliIO.js';
import { EXIT_OK, EXIT_USAGE } from '../CliIO.js';

/**
 * `offshoot token --secret S --viewer V [--story ID|*] [--ttl 3600]`: prints a viewer token
 * for the generation API (what an embedder's server issues after its own login). The token
 * says when it was issued (`iat`), so the backend checks its lifetime against its cap (one
 * day by default); a longer `--ttl` still prints the token, with a warning on stderr, since
 * a server started with a higher `--max-token-lifetime` accepts it.
 *
 * @example
 * offshoot token --secret "$OFFSHOOT_SECRET" --viewer viewer-42 --story three-doors --ttl 3600
 */
export function tokenCommand(io: CliIO): Command {
  return new Command('token')
    .description('print a signed viewer token for the generation API')
    .option('--secret <secret>', 'shared secret (default: $OFFSHOOT_SECRET)')
    .requiredOption('--viewer <id>', 'viewer id (the token subject)')
    .option('--story <id>', 'story the token is for, or * for every story', '*')
    .option('--ttl <seconds>', 'lifetime in seconds', positiveInt, 3600)
    .action((options: { secret?: string; viewer: string; story: string; ttl: number }) => {
      const secret = options.secret ?? process.env.OFFSHOOT_SECRET;
      if (!secret) {
        io.err('offshoot token: give --secret or set OFFSHOOT_SECRET\n');
        io.exitCode = EXIT_USAGE;
        return;
      }
      try {
        const iat = Math.floor(Date.now() / 1000);
        if (options.ttl > DEFAULT_MAX_TOKEN_LIFETIME) {
          io.err(
            `offshoot token: warning: --ttl ${options.ttl} is longer than a backend accepts by default (${DEFAULT_MAX_TOKEN_LIFETIME} s); \`offshoot serve\` will refuse this token (token-lifetime) unless started with --max-token-lifetime ${options.ttl} or more\n`,
          );
        }
        io.out(
          `${signViewerToken({ sub: options.viewer, story: options.story, exp: iat + options.ttl, iat }, secret)}\n`,
        );
        io.exitCode = EXIT_OK;
      } catch (error) {
        io.err(`offshoot token: ${(error as Error).message}\n`);
        io.exitCode = EXIT_USAGE;
      }
    });
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number of seconds');
  return n;
}
