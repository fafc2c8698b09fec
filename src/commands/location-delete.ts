import { Args, Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { UnknownLocationError } from '../sdk/images/locations.js'

export default class LocationDelete extends GlanceCommand {
  static override summary = 'Remove locations (and related metadata) from an image.'
  static override args = { image_id: Args.string({ description: 'ID of image whose locations are to be removed.', required: true }) }
  static override flags = {
    // argparse's required `action='append'` (appendFlag's settings, plus required).
    url: Flags.string({
      description: 'URL of location to remove. May be used multiple times.',
      helpValue: '<URL>',
      required: true,
      multiple: true,
      multipleNonGreedy: true,
    }),
  }

  async run(): Promise<void> {
    const { args, flags } = await this.parseArgs(LocationDelete)
    const glance = await this.client()
    await glance.images.locations.delete(args.image_id, flags.url).catch(async (err: unknown) => {
      if (!(err instanceof UnknownLocationError)) throw err
      // glanceclient raises HTTPNotFound('Unknown URL(s): <python list>').
      const { pyRepr } = await import('../cli/render/pyformat.js')
      this.fail(`HTTP Unknown URL(s): ${pyRepr(err.urls)}`)
    })
  }
}
