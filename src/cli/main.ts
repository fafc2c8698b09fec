/**
 * Entry point of the CLI bundle (rolldown.config.mjs → dist/cli.cjs), which
 * bin/run.js loads through src/cli/bundle-loader.ts. oclif finds the
 * commands and the command_not_found hook among these exports (package.json
 * `oclif.commands` and `oclif.hooks` name them).
 */
import { execute } from '@oclif/core'
import { normaliseArgv } from './argv.js'
import { COMMANDS } from './commands.js'
import { valueTakingGlobalFlags } from './global-flags.js'
import { helpRequest } from './help/request.js'
import { programName } from './program-name.js'

export { COMMANDS } from './commands.js'
export { default as commandNotFound } from './hooks/command-not-found.js'

/**
 * Answers `argv` if it asks for help, with glance's pages (src/cli/help/,
 * loaded only then); false if it is a command to run.
 */
export async function answerHelp(argv: readonly string[]): Promise<boolean> {
  const request = helpRequest(argv, new Set(Object.keys(COMMANDS)), valueTakingGlobalFlags())
  if (!request) return false
  const { showHelp } = await import('./help/show.js')
  await showHelp(request, programName())
  return true
}

/**
 * Runs one command line. glance's argv shape (`tsglance [global options]
 * <command> [options]`) is normalised for oclif first. `root` is any path
 * inside the package: oclif reads package.json and the manifest from there.
 */
export async function main(argv: readonly string[], root: string): Promise<void> {
  if (await answerHelp(argv)) return
  await execute({ args: normaliseArgv(argv, valueTakingGlobalFlags()), dir: root })
}
