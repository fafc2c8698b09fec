import { GlanceCommand } from '../cli/base-command.js'
import { columnWidth, maxColumnWidthFlag, nameArg } from '../cli/metadef-fields.js'
import { formatDefinition } from '../cli/metadef-output.js'

export default class MdObjectPropertyShow extends GlanceCommand {
  static override summary = 'Describe a specific metadata definitions property inside an object.'
  static override args = {
    namespace: nameArg('Name of namespace the object belongs.'),
    object: nameArg('Name of an object.'),
    property: nameArg('Name of a property.'),
  }
  static override flags = { 'max-column-width': maxColumnWidthFlag }

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(MdObjectPropertyShow)
    const object = await (await this.client()).metadefs.objects.get(args.namespace, args.object)
    const properties = object.properties ?? {}
    if (!Object.hasOwn(properties, args.property)) this.fail(`Property ${args.property} not found in object ${args.object}.`)
    await this.print(await formatDefinition({ ...properties[args.property], name: args.property }, columnWidth(flags['max-column-width'])))
  }
}
