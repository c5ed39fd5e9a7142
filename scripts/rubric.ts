/**
 * Scores the final project in the current cluster: `npm run rubric -- [--prefix fp] [--format human|json] [--min N]`.
 * See src/rubric/cli.ts for the options (or `--help`).
 */
import { main } from '../src/rubric/cli';

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
