import { GlanceCommand } from '../cli/base-command.js'
import { nameArg } from '../cli/metadef-fields.js'

export default class MdNamespaceObjectsDelete extends GlanceCommand {
  static override summary = 'Delete all metadata definitions objects inside a specific namespace.'
  static override args = { namespace: nameArg('Name of namespace.') }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(MdNamespaceObjectsDelete)
    await (await this.client()).metadefs.objects.deleteAll(args.namespace)
  }
}
