import { GlanceCommand } from '../cli/base-command.js'
import { nameArg } from '../cli/metadef-fields.js'
import { formatDefinitionList } from '../cli/metadef-output.js'

export default class MdPropertyList extends GlanceCommand {
  static override summary = 'List metadata definitions properties inside a specific namespace.'
  static override args = { namespace: nameArg('Name of namespace.') }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(MdPropertyList)
    const properties = await (await this.client()).metadefs.properties.list(args.namespace)
    await this.print(await formatDefinitionList(properties, ['name', 'title', 'type']))
  }
}
