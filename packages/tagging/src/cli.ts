/**
 * The `complaintkit-tags` command.
 *
 * @example
 * ```sh
 * complaintkit-tags build --input complaints.ndjson --state tag-state --out tag-exports
 * ```
 *
 * @packageDocumentation
 */
import { runCli } from './cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));
