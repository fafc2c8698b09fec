import { GlanceCommand } from '../cli/base-command.js'
import { nameArg } from '../cli/metadef-fields.js'
import { formatDefinition } from '../cli/metadef-output.js'

export default class MdTagShow extends GlanceCommand {
  static override summary = 'Describe a specific metadata definitions tag inside a namespace.'
  static override args = {
    namespace: nameArg('Name of the namespace to which the tag belongs.'),
    tag: nameArg('Name of the tag.'),
  }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(MdTagShow)
    const tag = await (await this.client()).metadefs.tags.get(args.namespace, args.tag)
    await this.print(await formatDefinition(tag))
  }
}
