import { GlanceCommand } from '../cli/base-command.js'
import { nameArg } from '../cli/metadef-fields.js'

export default class MdResourceTypeDeassociate extends GlanceCommand {
  static override summary = 'Deassociate resource type with a metadata definitions namespace.'
  static override args = {
    namespace: nameArg('Name of namespace.'),
    resource_type: nameArg('Name of resource type.'),
  }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(MdResourceTypeDeassociate)
    await (await this.client()).metadefs.resourceTypes.deassociate(args.namespace, args.resource_type)
  }
}
