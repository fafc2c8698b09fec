import { GlanceCommand } from '../cli/base-command.js'
import { nameArg } from '../cli/metadef-fields.js'
import { formatDefinitionList } from '../cli/metadef-output.js'

export default class MdNamespaceResourceTypeList extends GlanceCommand {
  static override summary = 'List resource types associated to specific namespace.'
  static override args = { namespace: nameArg('Name of namespace.') }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(MdNamespaceResourceTypeList)
    const associations = await (await this.client()).metadefs.resourceTypes.associations(args.namespace)
    await this.print(await formatDefinitionList(associations, ['name', 'prefix', 'properties_target']))
  }
}
