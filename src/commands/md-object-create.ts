import { Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { assertValidDefinition, nameArg, parseJsonObject } from '../cli/metadef-fields.js'
import { formatObject } from '../cli/metadef-output.js'
import type { MetadefObjectCreate } from '../sdk/metadefs/types.js'

export default class MdObjectCreate extends GlanceCommand {
  static override summary = 'Create a new metadata definitions object inside a namespace.'
  static override args = { namespace: nameArg('Name of namespace the object will belong.') }
  static override flags = {
    name: Flags.string({ description: 'Internal name of an object.', required: true }),
    schema: Flags.string({ description: 'Valid JSON schema of an object.', required: true }),
  }

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(MdObjectCreate)
    // As in glance, a `name` inside --schema wins over --name.
    const object = { name: flags.name, ...parseJsonObject(flags.schema) }
    const glance = await this.client()
    assertValidDefinition(object, await glance.schemas.get('metadefs/object'))
    await this.print(await formatObject(await glance.metadefs.objects.create(args.namespace, object as MetadefObjectCreate)))
  }
}
