import { GlanceCommand } from '../cli/base-command.js'
import { nameArg } from '../cli/metadef-fields.js'

export default class MdNamespacePropertiesDelete extends GlanceCommand {
  static override summary = 'Delete all metadata definitions property inside a specific namespace.'
  static override args = { namespace: nameArg('Name of namespace.') }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(MdNamespacePropertiesDelete)
    await (await this.client()).metadefs.properties.deleteAll(args.namespace)
  }
}
