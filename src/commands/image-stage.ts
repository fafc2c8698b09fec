import { Args, Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { imageDataSource } from '../cli/data-source.js'
import { stageImageData } from '../cli/image-upload.js'

export default class ImageStage extends GlanceCommand {
  static override summary = 'Upload data for a specific image to staging.'
  static override args = { image_id: Args.string({ description: 'ID of image to upload data to.', required: true }) }
  static override flags = {
    file: Flags.string({ description: 'Local file that contains disk image to be uploaded. Alternatively, images can be passed to the client via stdin.', helpValue: '<FILE>' }),
    size: Flags.integer({
      description: 'Size in bytes of image to be uploaded. Default is to get size from provided data object but this is supported in case where size cannot be inferred.',
      helpValue: '<IMAGE_SIZE>',
    }),
    progress: Flags.boolean({ description: 'Show upload progress bar.' }),
  }

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(ImageStage)
    const source = imageDataSource(flags.file)
    // glance would stage an empty body; refuse instead, as image-upload does (decisions/0003).
    if (!source) this.fail('No image data: use --file <FILE> or pipe the data on stdin.')
    const glance = await this.client()
    await stageImageData(glance, args.image_id, source, { size: flags.size, progress: flags.progress && this.decoratesStderr(), signal: this.interrupted })
  }
}
