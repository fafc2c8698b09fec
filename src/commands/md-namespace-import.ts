import { Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { assertValidDefinition, parseJsonObject, readNamespaceDocument } from '../cli/metadef-fields.js'
import { formatNamespace } from '../cli/metadef-output.js'
import type { NamespaceCreate } from '../sdk/metadefs/types.js'

export default class MdNamespaceImport extends GlanceCommand {
  static override summary = 'Import a metadata definitions namespace from file or standard input.'
  static override flags = {
    file: Flags.string({
      description: 'Path to file with namespace schema to import. Alternatively, namespaces schema can be passed to the client via stdin.',
      helpValue: '<FILEPATH>',
    }),
  }

  async run(): Promise<void> {
    const { flags } = await this.parseArgs(MdNamespaceImport)
    const namespace = parseJsonObject(await readNamespaceDocument(flags.file))
    const glance = await this.client()
    assertValidDefinition(namespace, await glance.schemas.get('metadefs/namespace'))
    await this.print(await formatNamespace(await glance.metadefs.namespaces.create(namespace as NamespaceCreate)))
  }
}
