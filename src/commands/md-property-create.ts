import { Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { assertValidDefinition, nameArg, parseJsonObject } from '../cli/metadef-fields.js'
import { formatDefinition } from '../cli/metadef-output.js'
import type { MetadefProperty } from '../sdk/metadefs/types.js'

export default class MdPropertyCreate extends GlanceCommand {
  static override summary = 'Create a new metadata definitions property inside a namespace.'
  static override args = { namespace: nameArg('Name of namespace the property will belong.') }
  static override flags = {
    name: Flags.string({ description: 'Internal name of a property.', required: true }),
    title: Flags.string({ description: 'Property name displayed to the user.', required: true }),
    schema: Flags.string({ description: 'Valid JSON schema of a property.', required: true }),
  }

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(MdPropertyCreate)
    // As in glance, `name` or `title` inside --schema win over the flags.
    const property = { name: flags.name, title: flags.title, ...parseJsonObject(flags.schema) }
    const glance = await this.client()
    assertValidDefinition(property, await glance.schemas.get('metadefs/property'))
    await this.print(await formatDefinition(await glance.metadefs.properties.create(args.namespace, property as MetadefProperty)))
  }
}
