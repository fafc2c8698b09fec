import { GlanceCommand } from '../cli/base-command.js'
import { columnWidth, maxColumnWidthFlag, nameArg } from '../cli/metadef-fields.js'
import { formatObject } from '../cli/metadef-output.js'

export default class MdObjectShow extends GlanceCommand {
  static override summary = 'Describe a specific metadata definitions object inside a namespace.'
  static override args = {
    namespace: nameArg('Name of namespace the object belongs.'),
    object: nameArg('Name of an object.'),
  }
  static override flags = { 'max-column-width': maxColumnWidthFlag }

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(MdObjectShow)
    const object = await (await this.client()).metadefs.objects.get(args.namespace, args.object)
    await this.print(await formatObject(object, columnWidth(flags['max-column-width'])))
  }
}
