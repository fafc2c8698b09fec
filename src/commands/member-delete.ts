import { Args } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'

export default class MemberDelete extends GlanceCommand {
  static override summary = 'Delete image member.'
  static override args = {
    image_id: Args.string({ description: 'Image from which to remove member.', required: true }),
    member_id: Args.string({ description: 'Tenant to remove as member.', required: true }),
  }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(MemberDelete)
    // glance refuses empty ids ('') itself, before any request.
    if (!args.image_id || !args.member_id) this.fail('Unable to delete member. Specify image_id and member_id')
    const glance = await this.client()
    await glance.members.delete(args.image_id, args.member_id)
  }
}
