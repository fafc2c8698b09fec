import { Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { columnWidth, maxColumnWidthFlag, nameArg } from '../cli/metadef-fields.js'
import { formatNamespace } from '../cli/metadef-output.js'

export default class MdNamespaceShow extends GlanceCommand {
  static override summary = 'Describe a specific metadata definitions namespace.'
  static override description = 'Lists also the namespace properties, objects and resource type associations.'
  static override args = { namespace: nameArg('Name of namespace to describe.') }
  static override flags = {
    'resource-type': Flags.string({ description: 'Applies prefix of given resource type associated to a namespace to all properties of a namespace.' }),
    'max-column-width': maxColumnWidthFlag,
  }

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(MdNamespaceShow)
    const glance = await this.client()
    const namespace = await glance.metadefs.namespaces.get(args.namespace, { resourceType: flags['resource-type'] || undefined })
    await this.print(await formatNamespace(namespace, columnWidth(flags['max-column-width'])))
  }
}
