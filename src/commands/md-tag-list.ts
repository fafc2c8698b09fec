import { GlanceCommand } from '../cli/base-command.js'
import { nameArg } from '../cli/metadef-fields.js'
import { formatDefinitionList } from '../cli/metadef-output.js'

export default class MdTagList extends GlanceCommand {
  static override summary = 'List metadata definitions tags inside a specific namespace.'
  static override args = { namespace: nameArg('Name of namespace.') }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(MdTagList)
    const tags = await (await this.client()).metadefs.tags.list(args.namespace)
    await this.print(await formatDefinitionList(tags, ['name']))
  }
}
