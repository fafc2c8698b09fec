import { Args } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'

/**
 * glance's `help [<subcommand>]`. Command lines asking for help are answered
 * before oclif runs (src/cli/main.ts); this class lists `help` among the
 * subcommands (bash-completion, the unknown-command message, help's own
 * page) and answers the same way when oclif runs it directly.
 */
export default class Help extends GlanceCommand {
  static override summary = 'Display help about this program or one of its subcommands.'
  static override args = { subcommand: Args.string({ description: 'Display help for <subcommand>.', metavar: '<subcommand>' }) }

  async run(): Promise<void> {
    const { answerHelp } = await import('../cli/main.js')
    await answerHelp(['help', ...this.argv])
  }
}
