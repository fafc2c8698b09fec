import { GlanceCommand } from '../cli/base-command.js'
import { nameArg } from '../cli/metadef-fields.js'

export default class MdTagDelete extends GlanceCommand {
  static override summary = 'Delete a specific metadata definitions tag inside a namespace.'
  static override args = {
    namespace: nameArg('Name of the namespace to which the tag belongs.'),
    tag: nameArg('Name of the tag.'),
  }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(MdTagDelete)
    await (await this.client()).metadefs.tags.delete(args.namespace, args.tag)
  }
}
