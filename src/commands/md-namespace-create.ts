import { GlanceCommand } from '../cli/base-command.js'
import { assertValidDefinition, nameArg, namespaceCreateFlags, schemaFields } from '../cli/metadef-fields.js'
import { formatNamespace } from '../cli/metadef-output.js'
import type { NamespaceCreate } from '../sdk/metadefs/types.js'

export default class MdNamespaceCreate extends GlanceCommand {
  static override summary = 'Create a new metadata definitions namespace.'
  static override args = { namespace: nameArg('Name of the namespace.') }
  static override flags = namespaceCreateFlags

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(MdNamespaceCreate)
    const glance = await this.client()
    const schema = await glance.schemas.get('metadefs/namespace')
    const namespace = { namespace: args.namespace, ...schemaFields(flags, namespaceCreateFlags, schema) }
    assertValidDefinition(namespace, schema)
    await this.print(await formatNamespace(await glance.metadefs.namespaces.create(namespace as NamespaceCreate)))
  }
}
