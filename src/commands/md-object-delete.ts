import { GlanceCommand } from '../cli/base-command.js'
import { nameArg } from '../cli/metadef-fields.js'

export default class MdObjectDelete extends GlanceCommand {
  static override summary = 'Delete a specific metadata definitions object inside a namespace.'
  static override args = {
    namespace: nameArg('Name of namespace the object belongs.'),
    object: nameArg('Name of an object.'),
  }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(MdObjectDelete)
    await (await this.client()).metadefs.objects.delete(args.namespace, args.object)
  }
}
