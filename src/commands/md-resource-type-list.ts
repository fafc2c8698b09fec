import { GlanceCommand } from '../cli/base-command.js'
import { formatDefinitionList } from '../cli/metadef-output.js'

export default class MdResourceTypeList extends GlanceCommand {
  static override summary = 'List available resource type names.'

  async run(): Promise<void> {
    await this.parseArgs(MdResourceTypeList)
    const resourceTypes = await (await this.client()).metadefs.resourceTypes.list()
    await this.print(await formatDefinitionList(resourceTypes, ['name']))
  }
}
