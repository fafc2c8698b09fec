import { Args } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { UsageError } from '../cli/command-failure.js'
import { formatMembers } from '../cli/member-output.js'
import { pyRepr } from '../cli/render/pyformat.js'
import { programName } from '../cli/program-name.js'
import { MEMBER_STATUSES, type MemberStatus } from '../sdk/members/types.js'

const isMemberStatus = (value: string): value is MemberStatus => (MEMBER_STATUSES as readonly string[]).includes(value)

export default class MemberUpdate extends GlanceCommand {
  static override summary = 'Update the status of a member for a given image.'
  static override args = {
    image_id: Args.string({ description: 'Image from which to update member.', required: true }),
    member_id: Args.string({ description: 'Tenant to update.', required: true }),
    member_status: Args.string({ description: `Updated status of member. Valid Values: ${MEMBER_STATUSES.join(', ')}`, required: true }),
  }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(MemberUpdate)
    const status = args.member_status
    // argparse's choices check, in its words: a mistyped status is the usage
    // error people meet here. The help pointer is ours (docs/decisions/0001).
    if (!isMemberStatus(status)) {
      const choices = MEMBER_STATUSES.map((choice) => pyRepr(choice)).join(', ')
      throw new UsageError(`error: argument <MEMBER_STATUS>: invalid choice: ${pyRepr(status)} (choose from ${choices})\nSee '${programName()} help ${this.id}'.`)
    }
    if (!args.image_id || !args.member_id) this.fail('Unable to update member. Specify image_id, member_id and member_status')
    const glance = await this.client()
    await this.print(await formatMembers([await glance.members.update(args.image_id, args.member_id, status)]))
  }
}
