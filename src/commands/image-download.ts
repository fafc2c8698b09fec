import { Args, Flags } from '@oclif/core'
import { stat } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import { addition } from '../cli/additions.js'
import { GlanceCommand } from '../cli/base-command.js'
import { createProgressBar } from '../cli/progress.js'
import { ChecksumMismatchError, HttpError, PartialDownloadError } from '../sdk/errors.js'
import { partFilePath } from '../sdk/images/download-file.js'
import { UsageError } from '../cli/command-failure.js'

export default class ImageDownload extends GlanceCommand {
  static override summary = 'Download a specific image.'
  static override args = { image_id: Args.string({ description: 'ID of image to download.', required: true }) }
  static override flags = {
    'allow-md5-fallback': Flags.boolean({
      description:
        'If os_hash_algo and os_hash_value properties are available on the image, they will be used to validate the downloaded image data. If the indicated secure hash algorithm is not available on the client, the download will fail. Use this flag to indicate that in such a case the legacy MD5 image checksum should be used to validate the downloaded data. You can also set the environment variable OS_IMAGE_ALLOW_MD5_FALLBACK to any value to activate this option.',
    }),
    file: Flags.string({ description: 'Local file to save downloaded image data to. If this is not specified and there is no redirection the image data will not be saved.' }),
    progress: Flags.boolean({ description: 'Show download progress bar.' }),
    resume: addition(
      Flags.boolean({
        description:
          'Continue an earlier download that broke off: the bytes kept in <FILE>.part are hashed and only the rest is downloaded; the whole file is verified before it is renamed to <FILE>. Requires --file.',
      }),
    ),
  }

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(ImageDownload)
    if (process.stdout.isTTY && flags.file === undefined) {
      this.fail(
        'No redirection or local file specified for downloaded image data. Please specify a local file with --file to save downloaded image or redirect output to another source.',
      )
    }
    if (flags.resume && flags.file === undefined) throw new UsageError('--resume requires --file: only a file download can be continued.')
    const glance = await this.client()
    const bar = flags.progress && this.decoratesStderr() ? createProgressBar() : undefined
    const options = {
      allowMd5Fallback: flags['allow-md5-fallback'] || process.env.OS_IMAGE_ALLOW_MD5_FALLBACK !== undefined,
      onProgress: bar,
      signal: this.interrupted,
      resume: flags.resume,
      onRestart: (reason: string) => this.printErr(`Not resuming: ${reason}.`),
    }
    try {
      if (flags.file !== undefined) {
        const done = await this.handleOpenErrors(args.image_id, glance.images.downloadToFile(args.image_id, flags.file, options))
        if (!done) this.fail(`Image ${args.image_id} has no data.`)
      } else {
        const download = await this.handleOpenErrors(args.image_id, glance.images.download(args.image_id, options))
        if (!download) this.fail(`Image ${args.image_id} has no data.`)
        await pipeline(download.stream, process.stdout, { end: false, signal: this.interrupted })
      }
    } catch (err) {
      // glance reports a hash mismatch as IOError(EPIPE, ...).
      if (err instanceof ChecksumMismatchError) this.fail(`[Errno 32] ${err.message}`)
      if (err instanceof PartialDownloadError && err.keptBytes > 0) {
        this.fail(`${err.message}; the ${err.keptBytes} bytes received are kept in ${err.partPath}: run the command again with --resume to continue.`)
      }
      // Interrupted: the base command answers with glance's "terminating" line; first say what was kept.
      if (this.interrupted.aborted && flags.file !== undefined) await this.reportKeptPart(args.image_id, partFilePath(flags.file))
      throw err
    } finally {
      bar?.done()
    }
  }

  /** The SDK keeps the bytes of a cancelled file download in its part file, for --resume. */
  private async reportKeptPart(id: string, partPath: string): Promise<void> {
    const kept = await stat(partPath).then((st) => st.size, () => 0)
    if (kept > 0) this.printErr(`Download of image ${id} interrupted; the ${kept} bytes received are kept in ${partPath}: run the command again with --resume to continue.`)
  }

  /** glance wraps errors of the metadata and data requests in one sentence. */
  private async handleOpenErrors<T>(id: string, pending: Promise<T>): Promise<T> {
    try {
      return await pending
    } catch (err) {
      if (err instanceof HttpError) this.fail(`Unable to download image '${id}'. (${err.message})`)
      throw err
    }
  }
}
