import { GlanceCommand } from '../cli/base-command.js'
import { applyChanges, nameArg, namespaceUpdateFlags, schemaFields } from '../cli/metadef-fields.js'
import { formatNamespace } from '../cli/metadef-output.js'

export default class MdNamespaceUpdate extends GlanceCommand {
  static override summary = 'Update an existing metadata definitions namespace.'
  static override args = { namespace: nameArg('Name of namespace to update.') }
  static override flags = namespaceUpdateFlags

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(MdNamespaceUpdate)
    const glance = await this.client()
    const schema = await glance.schemas.get('metadefs/namespace')
    const changes = schemaFields(flags, namespaceUpdateFlags, schema)
    const namespace = await glance.metadefs.namespaces.update(args.namespace, (current) => applyChanges(current, changes, schema))
    await this.print(await formatNamespace(namespace))
  }
}
