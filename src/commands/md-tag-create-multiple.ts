import { Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { assertValidDefinition, nameArg, tagNames } from '../cli/metadef-fields.js'
import { formatDefinitionList } from '../cli/metadef-output.js'

export default class MdTagCreateMultiple extends GlanceCommand {
  static override summary = 'Create new metadata definitions tags inside a namespace.'
  static override args = { namespace: nameArg('Name of the namespace the tags will belong to.') }
  static override flags = {
    names: Flags.string({ description: 'A comma separated list of tag names.', required: true }),
    delim: Flags.string({ description: 'The delimiter used to separate the names (if none is provided then the default is a comma).' }),
    append: Flags.boolean({ description: 'Append the new tags to the existing ones instead ofoverwriting them' }),
  }

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(MdTagCreateMultiple)
    const names = tagNames(flags.names, flags.delim)
    const glance = await this.client()
    const schema = await glance.schemas.get('metadefs/tag')
    for (const name of names) assertValidDefinition({ name }, schema)
    // glance 4.1.0 fails on --append before sending anything; tsglance appends (docs/decisions/0001).
    const tags = await glance.metadefs.tags.createMultiple(args.namespace, names, { append: flags.append })
    await this.print(await formatDefinitionList(tags, ['name']))
  }
}
