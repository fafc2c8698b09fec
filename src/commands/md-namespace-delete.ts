import { GlanceCommand } from '../cli/base-command.js'
import { nameArg } from '../cli/metadef-fields.js'

export default class MdNamespaceDelete extends GlanceCommand {
  static override summary = 'Delete specified metadata definitions namespace with its contents.'
  static override args = { namespace: nameArg('Name of namespace to delete.') }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(MdNamespaceDelete)
    await (await this.client()).metadefs.namespaces.delete(args.namespace)
  }
}
