import { Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { imageDataSource, stdinHasData } from '../cli/data-source.js'
import { imageCreateFlags, imageFieldsFromFlags, requireFormatsWithData } from '../cli/image-fields.js'
import { formatImage } from '../cli/image-output.js'
import { assertStoreExists, publishImageData } from '../cli/image-upload.js'
import { validateAgainstSchema } from '../cli/schema-validation.js'

export default class ImageCreate extends GlanceCommand {
  static override summary = 'Create a new image.'
  static override flags = {
    ...imageCreateFlags,
    file: Flags.string({ description: 'Local file that contains disk image to be uploaded during creation. Alternatively, the image data can be passed to the client via stdin.' }),
    progress: Flags.boolean({ description: 'Show upload progress bar.' }),
    store: Flags.string({ description: 'Backend store to upload image to.', env: 'OS_IMAGE_STORE' }),
  }

  async run(): Promise<void> {
    const { flags } = await this.parseArgs(ImageCreate)
    const fields = imageFieldsFromFlags(flags)
    const withData = flags.file !== undefined || stdinHasData()
    requireFormatsWithData(fields, flags.file !== undefined ? ['--file'] : [], withData)
    if (flags.store && !withData) this.fail('--store option should only be provided with --file option or stdin.')

    const glance = await this.client()
    if (flags.store) await assertStoreExists(glance, flags.store)
    const source = withData ? imageDataSource(flags.file) : undefined
    validateAgainstSchema(fields, await glance.schemas.get('image'))

    const image = source
      ? await publishImageData(
          glance,
          fields,
          source,
          { store: flags.store, progress: flags.progress && this.decoratesStderr(), signal: this.interrupted },
          (line) => this.printErr(line),
        )
      : await glance.images.create(fields)
    await this.print(await formatImage(image))
  }
}
