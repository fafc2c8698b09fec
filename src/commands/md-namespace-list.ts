import { Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { formatDefinitionList } from '../cli/metadef-output.js'
import { appendFlag } from '../cli/python-compat.js'
import type { NamespaceVisibility } from '../sdk/metadefs/types.js'

export default class MdNamespaceList extends GlanceCommand {
  static override summary = 'List metadata definitions namespaces.'
  static override flags = {
    'resource-types': appendFlag('Resource type to filter namespaces.', { helpValue: '<RESOURCE_TYPES>' }),
    visibility: Flags.string({ description: 'Visibility parameter to filter namespaces.' }),
    'page-size': Flags.integer({ description: 'Number of namespaces to request in each paginated request.', helpValue: '<SIZE>' }),
  }

  async run(): Promise<void> {
    const { flags } = await this.parseArgs(MdNamespaceList)
    const glance = await this.client()
    const namespaces = await glance.metadefs.namespaces
      .list({
        resourceTypes: flags['resource-types'],
        // Any text: Glance answers an unknown visibility itself (400).
        visibility: flags.visibility as NamespaceVisibility | undefined,
        pageSize: flags['page-size'],
      })
      .toArray()
    await this.print(await formatDefinitionList(namespaces, ['namespace']))
  }
}
