import { Args } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { imageTasksView } from '../cli/row-views.js'
import { HTTPNotFound, UnsupportedApiVersionError } from '../sdk/errors.js'

const COLUMNS = ['Message', 'Status', 'Updated at']
const VERBOSE_LEADING_COLUMNS = ['Image Id', 'Task Id']
const VERBOSE_TRAILING_COLUMNS = ['User Id', 'Request Id', 'Result', 'Owner', 'Input', 'Expires at']

export default class ImageTasks extends GlanceCommand {
  static override summary = 'Get tasks associated with image'
  static override args = { image_id: Args.string({ description: 'ID of image to get tasks.', required: true }) }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(ImageTasks)
    const glance = await this.client()
    const columns = this.globals.verbose ? [...VERBOSE_LEADING_COLUMNS, ...COLUMNS, ...VERBOSE_TRAILING_COLUMNS] : COLUMNS
    let tasks
    try {
      tasks = await glance.images.tasks(args.image_id)
    } catch (err) {
      if (err instanceof HTTPNotFound) this.fail(`Image ${args.image_id} not found.`)
      if (err instanceof UnsupportedApiVersionError) this.fail('Server does not support image tasks API (v2.12)')
      throw err
    }
    await this.print(imageTasksView(tasks, columns))
  }
}
