/**
 * Runs notebooks headlessly against the current cluster: `npm run notebook -- [options] <files or folders>`.
 * See src/notebook/cli-args.ts for the options (or `--help`).
 */
import { main } from '../src/notebook/cli';

// `npm run notebook -- --dry-list notebooks/ | head` closes our stdout early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  signals: process,
});
process.exitCode = code;
