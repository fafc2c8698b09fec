import { Errors, type Hook } from '@oclif/core'

/** argparse's answer to an unknown subcommand, with exit code 2 as in glance. */
const commandNotFound: Hook.CommandNotFound = async function (options) {
  const known = this.config.commandIDs.filter((id) => !id.startsWith('autocomplete')).sort()
  process.stderr.write(
    `tsglance: error: argument <subcommand>: invalid choice: '${options.id}' (choose from ${known.map((id) => `'${id}'`).join(', ')})\n`,
  )
  throw new Errors.ExitError(2)
}

export default commandNotFound
