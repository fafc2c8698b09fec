import { Args } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { formatMembers } from '../cli/member-output.js'

export default class MemberCreate extends GlanceCommand {
  static override summary = 'Create member for a given image.'
  static override args = {
    image_id: Args.string({ description: 'Image with which to create member.', required: true }),
    member_id: Args.string({ description: 'Tenant to add as member.', required: true }),
  }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(MemberCreate)
    // glance refuses empty ids ('') itself, before any request.
    if (!args.image_id || !args.member_id) this.fail('Unable to create member. Specify image_id and member_id')
    const glance = await this.client()
    await this.print(await formatMembers([await glance.members.create(args.image_id, args.member_id)]))
  }
}
