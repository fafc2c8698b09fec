import { Args, Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { imageDataSource } from '../cli/data-source.js'
import { assertStoreExists, uploadImageData } from '../cli/image-upload.js'

export default class ImageUpload extends GlanceCommand {
  static override summary = 'Upload data for a specific image.'
  static override args = { image_id: Args.string({ description: 'ID of image to upload data to.', required: true }) }
  static override flags = {
    file: Flags.string({ description: 'Local file that contains disk image to be uploaded. Alternatively, images can be passed to the client via stdin.' }),
    size: Flags.integer({ description: 'Size in bytes of image to be uploaded. Default is to get size from provided data object but this is supported in case where size cannot be inferred.', helpValue: '<IMAGE_SIZE>' }),
    progress: Flags.boolean({ description: 'Show upload progress bar.' }),
    store: Flags.string({ description: 'Backend store to upload image to.', env: 'OS_IMAGE_STORE' }),
  }

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(ImageUpload)
    const glance = await this.client()
    if (flags.store) await assertStoreExists(glance, flags.store)
    const source = imageDataSource(flags.file)
    // glance would PUT an empty body and make a zero-byte image; refuse instead.
    if (!source) this.fail('No image data: use --file <FILE> or pipe the data on stdin.')
    await uploadImageData(glance, args.image_id, source, { size: flags.size, store: flags.store, progress: flags.progress && this.decoratesStderr(), signal: this.interrupted })
  }
}
