import { Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { imageDataSource, stdinHasData } from '../cli/data-source.js'
import { imageAttributeFlags, imageCreateOnlyFlags, imageFieldsFromFlags, validateImageFields } from '../cli/image-fields.js'
import { formatImage } from '../cli/image-output.js'
import { assertStoreExists, uploadImageData } from '../cli/image-upload.js'

export default class ImageCreate extends GlanceCommand {
  static override summary = 'Create a new image.'
  static override flags = {
    ...imageAttributeFlags,
    ...imageCreateOnlyFlags,
    file: Flags.string({ description: 'Local file that contains disk image to be uploaded during creation. Alternatively, the image data can be passed to the client via stdin.' }),
    progress: Flags.boolean({ description: 'Show upload progress bar.' }),
    store: Flags.string({ description: 'Backend store to upload image to.', env: 'OS_IMAGE_STORE' }),
  }

  async run(): Promise<void> {
    const { flags } = await this.parseArgs(ImageCreate)
    const fields = imageFieldsFromFlags(flags)
    const withData = flags.file !== undefined || stdinHasData()
    // glance's on_data_require_fields, checked before anything is sent.
    const missing = ['container_format', 'disk_format'].filter((f) => fields[f] === undefined)
    if (withData && missing.length > 0) {
      const opt = flags.file !== undefined ? '--file' : 'stdin'
      this.fail(`error: Must provide ${missing.map((f) => `--${f.replace('_', '-')}`).join(', ')} when using ${opt}.`)
    }
    if (flags.store && !withData) this.fail('--store option should only be provided with --file option or stdin.')

    const glance = await this.client()
    if (flags.store) await assertStoreExists(glance, flags.store)
    const source = withData ? imageDataSource(flags.file) : undefined
    validateImageFields(fields, await glance.schemas.get('image'))

    let image = await glance.images.create(fields)
    if (source) {
      try {
        await uploadImageData(glance, image.id, source, { store: flags.store, progress: flags.progress })
      } catch (err) {
        // Unlike glance, never leave a `queued` image behind (docs/decisions/0004-no-orphans.md).
        const cleanup = await glance.images.delete(image.id).then(
          () => `Image ${image.id} was deleted because its data upload failed.`,
          (deleteErr: Error) => `Image ${image.id} could not be deleted after the failed upload: ${deleteErr.message}`,
        )
        this.printErr(cleanup)
        throw err
      }
      image = await glance.images.get(image.id)
    }
    await this.print(await formatImage(image))
  }
}
