import { GlanceCommand } from '../cli/base-command.js'
import { completionWords } from '../cli/completion-words.js'
import { HELP_FLAGS } from '../cli/help/request.js'

export default class BashCompletion extends GlanceCommand {
  static override summary = 'Prints arguments for bash_completion.'
  static override description =
    "Prints all of the commands and options to stdout so that the glance.bash_completion script doesn't have to hard code them."
  /** glance's shell also registers the function's own name (argparse lists it last among the choices). */
  static override aliases = ['bash_completion']

  async run(): Promise<void> {
    await this.parseArgs(BashCompletion)
    await this.print(`${completionWords(this.config.commands, this.id ?? 'bash-completion', HELP_FLAGS).join(' ')}\n`)
  }
}
