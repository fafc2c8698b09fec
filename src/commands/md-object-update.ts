import { Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { applyChanges, nameArg, parseJsonObject } from '../cli/metadef-fields.js'
import { formatObject } from '../cli/metadef-output.js'

export default class MdObjectUpdate extends GlanceCommand {
  static override summary = 'Update metadata definitions object inside a namespace.'
  static override args = {
    namespace: nameArg('Name of namespace the object belongs.'),
    object: nameArg('Name of an object.'),
  }
  static override flags = {
    name: Flags.string({ description: 'New name of an object.' }),
    schema: Flags.string({ description: 'Valid JSON schema of an object.' }),
  }

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(MdObjectUpdate)
    // Empty values count as not given, as in glance.
    const changes = { ...(flags.name ? { name: flags.name } : {}), ...(flags.schema ? parseJsonObject(flags.schema) : {}) }
    const glance = await this.client()
    const schema = await glance.schemas.get('metadefs/object')
    const object = await glance.metadefs.objects.update(args.namespace, args.object, (current) => applyChanges(current, changes, schema))
    await this.print(await formatObject(object))
  }
}
