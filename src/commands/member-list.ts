import { Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { formatMembers } from '../cli/member-output.js'

export default class MemberList extends GlanceCommand {
  static override summary = 'Describe sharing permissions by image.'
  static override flags = {
    'image-id': Flags.string({ description: 'Image to display members of.', required: true, helpValue: '<IMAGE_ID>' }),
  }

  async run(): Promise<void> {
    const { flags } = await this.parseArgs(MemberList)
    const glance = await this.client()
    await this.print(await formatMembers(await glance.members.list(flags['image-id'])))
  }
}
