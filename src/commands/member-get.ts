import { Args } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { printedDict } from '../cli/output-view.js'

export default class MemberGet extends GlanceCommand {
  static override summary = 'Show details of an image member'
  static override args = {
    image_id: Args.string({ description: 'Image from which to display member.', required: true }),
    member_id: Args.string({ description: 'Project to display.', required: true }),
  }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(MemberGet)
    const glance = await this.client()
    const member = await glance.members.get(args.image_id, args.member_id)
    await this.print(printedDict(member))
  }
}
