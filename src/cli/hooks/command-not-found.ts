import { Errors, type Hook } from '@oclif/core'
import { programName } from '../program-name.js'

/** argparse's answer to an unknown subcommand, in glance's order of choices, with exit code 2 as in glance. */
const commandNotFound: Hook.CommandNotFound = async function (options) {
  const { glanceCommandOrder } = await import('../help/command-spec.js')
  // oclif lists an alias (bash_completion) as a command of its own; argparse lists aliases after every command.
  const commands = this.config.commands.filter((command) => !command.id.startsWith('autocomplete') && !command.aliases.includes(command.id))
  const known = [...glanceCommandOrder(commands.map((command) => command.id)), ...commands.flatMap((command) => command.aliases)]
  process.stderr.write(
    `${programName()}: error: argument <subcommand>: invalid choice: '${options.id}' (choose from ${known.map((id) => `'${id}'`).join(', ')})\n`,
  )
  throw new Errors.ExitError(2)
}

export default commandNotFound
