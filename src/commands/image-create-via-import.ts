import { accessSync, constants } from 'node:fs'
import { Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { UsageError } from '../cli/command-failure.js'
import { imageDataSource, stdinHasData, type ImageDataSource } from '../cli/data-source.js'
import { imageCreateFlags, imageFieldsFromFlags, requireFormatsWithData } from '../cli/image-fields.js'
import { formatImage } from '../cli/image-output.js'
import { publishImageData } from '../cli/image-upload.js'
import {
  allStoresFlag,
  checkImportMethod,
  checkImportTargets,
  importSource,
  importSourceFlags,
  importStoreFlags,
  storesFlag,
  type ImportFlags,
  type ImportTargets,
} from '../cli/import-options.js'
import { validateAgainstSchema } from '../cli/schema-validation.js'
import { imageAfterImport, waitFlags } from '../cli/wait.js'
import type { ImportMethod } from '../sdk/images/import.js'
import type { PublishSource } from '../sdk/images/publish.js'

/** What the command line gives the import to work with. */
interface DataSource {
  file?: string
  usingStdin: boolean
  uri?: string
  targets: ImportTargets
  remoteRegion?: string
  remoteImageId?: string
}

function readable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK)
    return true
  } catch {
    return false
  }
}

export default class ImageCreateViaImport extends GlanceCommand {
  static override summary = 'EXPERIMENTAL: Create a new image via image import.'
  static override description =
    "Use the interoperable image import workflow to create an image. This command is designed to be backward compatible with the current image-create command, so its behavior is as follows: * If an import-method is specified (either on the command line or through the OS_IMAGE_IMPORT_METHOD environment variable, then you must provide a data source appropriate to that method (for example, --file for glance-direct, or --uri for web-download). * If no import-method is specified AND you provide either a --file or data to stdin, the command will assume you are using the 'glance-direct' import-method and will act accordingly. * If no import-method is specified and no data is supplied via --file or stdin, the command will simply create an image record in 'queued' status."
  static override flags = {
    ...imageCreateFlags,
    file: Flags.string({
      description: 'Local file that contains disk image to be uploaded during creation. Alternatively, the image data can be passed to the client via stdin.',
      helpValue: '<FILE>',
    }),
    progress: Flags.boolean({ description: 'Show upload progress bar.' }),
    'import-method': Flags.string({
      description:
        "Import method used for Image Import workflow. Valid values can be retrieved with import-info command. Defaults to env[OS_IMAGE_IMPORT_METHOD] or if that is undefined uses 'glance-direct' if data is provided using --file or stdin. Otherwise, simply creates an image record if no import-method and no data is supplied",
      env: 'OS_IMAGE_IMPORT_METHOD',
      helpValue: '<METHOD>',
    }),
    uri: importSourceFlags.uri,
    'remote-region': Flags.string({ description: 'REMOTE_GLANCE_REGION to download the image.', helpValue: '<GLANCE_REGION>' }),
    'remote-image-id': importSourceFlags['remote-image-id'],
    'remote-service-interface': importSourceFlags['remote-service-interface'],
    store: importStoreFlags.store,
    stores: storesFlag('Stores to upload image to if multi-stores import available. Comma separated list. Available stores can be listed with "stores-info" call.'),
    'all-stores': allStoresFlag('"all-stores" can be ued instead of "stores"-list to indicate that image should be imported into all available stores.'),
    'allow-failure': importStoreFlags['allow-failure'],
    ...waitFlags,
  }

  async run(): Promise<void> {
    const { flags } = await this.parseArgs(ImageCreateViaImport)
    const file = flags.file || undefined
    const usingStdin = stdinHasData()
    const fields = imageFieldsFromFlags(flags)
    requireFormatsWithData(fields, [...(file ? ['--file'] : []), ...(flags.uri ? ['--uri'] : [])], usingStdin)
    // Without a method or data glance only creates the record: there would be nothing to wait for, and an
    // image would be left behind by a command line that asked for an import (decisions/0010).
    if (flags.wait && !flags['import-method'] && !file && !usingStdin) {
      throw new UsageError('--wait needs an import to wait for: give --file, data on stdin or --import-method.')
    }

    const glance = await this.client()
    const schema = await glance.schemas.get('image')
    // Given data and no method, glance assumes glance-direct (image-create's behaviour).
    const methodName = flags['import-method'] ?? (file || usingStdin ? 'glance-direct' : undefined)
    if (methodName === 'copy-image') this.fail("Import method 'copy-image' cannot be used while creating the image.")
    const importMethods = (await glance.info.getImportInfo())['import-methods'].value
    const method = methodName ? checkImportMethod(methodName, importMethods) : undefined
    const targets = await checkImportTargets(glance, flags)
    this.checkDataSource(method, {
      file,
      usingStdin,
      uri: flags.uri || undefined,
      targets,
      remoteRegion: flags['remote-region'],
      remoteImageId: flags['remote-image-id'],
    })

    validateAgainstSchema(fields, schema)
    if (!method) {
      await this.print(await formatImage(await glance.images.get((await glance.images.create(fields)).id)))
      return
    }
    let requestId: string | undefined
    const imported = await publishImageData(
      glance,
      fields,
      this.publishSource(method, file, flags),
      // copy-image was refused above, before any request.
      {
        method: method as Exclude<ImportMethod, 'copy-image'>,
        ...targets,
        progress: flags.progress && this.decoratesStderr(),
        signal: this.interrupted,
        onImportAccepted: (accepted) => (requestId = accepted.requestId),
      },
      (line) => this.printErr(line),
    )
    const end = await imageAfterImport(glance, { id: imported.id, requestId, image: imported }, flags, { decorate: this.decoratesStderr() })
    await this.print(await formatImage(end.image))
    if (end.failure) this.fail(end.failure)
  }

  /** The data the method imports (checkDataSource has made sure it is given). */
  private publishSource(method: ImportMethod, file: string | undefined, flags: ImportFlags): PublishSource | ImageDataSource {
    const { uri, remoteRegion, remoteImageId, remoteServiceInterface } = importSource(flags)
    if (method === 'web-download') return { uri: uri! }
    if (method === 'glance-download') return { remoteRegion: remoteRegion!, remoteImageId: remoteImageId!, remoteServiceInterface }
    return imageDataSource(file)!
  }

  /** glance's checks that the data source fits the import method, in its order and words. */
  private checkDataSource(method: ImportMethod | undefined, { file, usingStdin, uri, targets, remoteRegion, remoteImageId }: DataSource): void {
    const hasData = Boolean(file) || usingStdin
    const targetFlags = { '--store': targets.store, '--stores': targets.stores, '--all-stores': targets.allStores }
    if (!method && uri) this.fail('You cannot use --uri without specifying an import method.')
    if (method === 'glance-direct') {
      for (const [flag, value] of Object.entries(targetFlags)) {
        if (value && !hasData) this.fail(`${flag} option should only be provided with --file option or stdin for the glance-direct import method.`)
      }
      if (uri) this.fail('You cannot specify a --uri with the glance-direct import method.')
      if (file !== undefined && !readable(file)) this.fail(`File ${file} does not exist or user does not have read privileges to it.`)
      if (file !== undefined && usingStdin) this.fail('You cannot use both --file and stdin with the glance-direct import method.')
      if (!hasData) this.fail('You must specify a --file or provide data via stdin for the glance-direct import method.')
    }
    if (method === 'web-download') {
      for (const [flag, value] of Object.entries(targetFlags)) {
        if (value && !uri) this.fail(`${flag} option should only be provided with --uri option for the web-download import method.`)
      }
      if (!uri) this.fail("URI is required for web-download import method. Please use '--uri <uri>'.")
      if (file) this.fail('You cannot specify a --file with the web-download import method.')
      if (usingStdin) this.fail('You cannot pass data via stdin with the web-download import method.')
    }
    if (method === 'glance-download') {
      if (!(remoteRegion && remoteImageId)) {
        this.fail(
          'REMOTE GlANCE REGION and REMOTE IMAGE ID are required for glance-download import method. Please use --remote-region <region> and --remote-image-id <remote-image-id>.',
        )
      }
      if (uri) this.fail('You cannot specify a --uri with the glance-download import method.')
      if (file) this.fail('You cannot specify a --file with the glance-download import method.')
      if (usingStdin) this.fail('You cannot pass data via stdin with the glance-download import method.')
    }
  }
}
