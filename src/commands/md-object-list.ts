import { GlanceCommand } from '../cli/base-command.js'
import { nameArg } from '../cli/metadef-fields.js'
import { formatDefinitionList } from '../cli/metadef-output.js'

export default class MdObjectList extends GlanceCommand {
  static override summary = 'List metadata definitions objects inside a specific namespace.'
  static override args = { namespace: nameArg('Name of namespace.') }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(MdObjectList)
    const objects = await (await this.client()).metadefs.objects.list(args.namespace)
    // glance caps the description column; the long stock descriptions wrap there.
    await this.print(await formatDefinitionList(objects, ['name', 'description'], { fieldSettings: { description: { maxWidth: 50, align: 'l' } } }))
  }
}
