import { GlanceCommand } from '../cli/base-command.js'
import { assertValidDefinition, nameArg, resourceTypeAssociationFlags, schemaFields } from '../cli/metadef-fields.js'
import { formatDefinition } from '../cli/metadef-output.js'
import type { ResourceTypeAssociationCreate } from '../sdk/metadefs/types.js'

export default class MdResourceTypeAssociate extends GlanceCommand {
  static override summary = 'Associate resource type with a metadata definitions namespace.'
  static override args = { namespace: nameArg('Name of namespace.') }
  static override flags = resourceTypeAssociationFlags

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(MdResourceTypeAssociate)
    const glance = await this.client()
    const schema = await glance.schemas.get('metadefs/resource_type')
    // --name is optional on the command line; the schema check requires it.
    const association = schemaFields(flags, resourceTypeAssociationFlags, schema)
    assertValidDefinition(association, schema)
    await this.print(await formatDefinition(await glance.metadefs.resourceTypes.associate(args.namespace, association as ResourceTypeAssociationCreate)))
  }
}
