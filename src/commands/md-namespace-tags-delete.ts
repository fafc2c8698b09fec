import { GlanceCommand } from '../cli/base-command.js'
import { nameArg } from '../cli/metadef-fields.js'

export default class MdNamespaceTagsDelete extends GlanceCommand {
  static override summary = 'Delete all metadata definitions tags inside a specific namespace.'
  static override args = { namespace: nameArg('Name of namespace.') }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(MdNamespaceTagsDelete)
    await (await this.client()).metadefs.tags.deleteAll(args.namespace)
  }
}
