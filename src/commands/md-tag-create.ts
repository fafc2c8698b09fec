import { Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { nameArg, tagName } from '../cli/metadef-fields.js'
import { formatDefinition } from '../cli/metadef-output.js'

export default class MdTagCreate extends GlanceCommand {
  static override summary = 'Add a new metadata definitions tag inside a namespace.'
  static override args = { namespace: nameArg('Name of the namespace the tag will belong to.') }
  static override flags = { name: Flags.string({ description: 'The name of the new tag to add.', required: true }) }

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(MdTagCreate)
    const name = tagName(flags.name)
    const tag = await (await this.client()).metadefs.tags.create(args.namespace, name)
    await this.print(await formatDefinition(tag))
  }
}
