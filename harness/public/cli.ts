/**
 * `mpassid-harness/cli`: the command line as a function, for wrappers and tests.
 * @packageDocumentation
 */
export { main } from '../cli/main.js';
export { parseCli, type CliOptions } from '../cli/cli-options.js';
