import { Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { applyChanges, nameArg, tagName } from '../cli/metadef-fields.js'
import { formatDefinition } from '../cli/metadef-output.js'

export default class MdTagUpdate extends GlanceCommand {
  static override summary = 'Rename a metadata definitions tag inside a namespace.'
  static override args = {
    namespace: nameArg('Name of the namespace to which the tag belongs.'),
    tag: nameArg('Name of the old tag.'),
  }
  static override flags = { name: Flags.string({ description: 'New name of the new tag.', required: true }) }

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(MdTagUpdate)
    const changes = { name: tagName(flags.name) }
    const glance = await this.client()
    const schema = await glance.schemas.get('metadefs/tag')
    const tag = await glance.metadefs.tags.update(args.namespace, args.tag, (current) => applyChanges(current, changes, schema))
    await this.print(await formatDefinition(tag))
  }
}
