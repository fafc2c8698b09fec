import { Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { applyChanges, nameArg, parseJsonObject } from '../cli/metadef-fields.js'
import { formatDefinition } from '../cli/metadef-output.js'

export default class MdPropertyUpdate extends GlanceCommand {
  static override summary = 'Update metadata definitions property inside a namespace.'
  static override args = {
    namespace: nameArg('Name of namespace the property belongs.'),
    property: nameArg('Name of a property.'),
  }
  static override flags = {
    name: Flags.string({ description: 'New name of a property.' }),
    title: Flags.string({ description: 'Property name displayed to the user.' }),
    schema: Flags.string({ description: 'Valid JSON schema of a property.' }),
  }

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(MdPropertyUpdate)
    // Empty values count as not given, as in glance.
    const changes = {
      ...(flags.name ? { name: flags.name } : {}),
      ...(flags.title ? { title: flags.title } : {}),
      ...(flags.schema ? parseJsonObject(flags.schema) : {}),
    }
    const glance = await this.client()
    const schema = await glance.schemas.get('metadefs/property')
    const property = await glance.metadefs.properties.update(args.namespace, args.property, (current) => applyChanges(current, changes, schema))
    await this.print(await formatDefinition(property))
  }
}
