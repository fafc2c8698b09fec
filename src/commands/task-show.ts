import { Args } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { formatTask } from '../cli/task-output.js'

export default class TaskShow extends GlanceCommand {
  static override summary = 'Describe a specific task.'
  static override args = { task_id: Args.string({ description: 'ID of task to describe.', required: true }) }

  async run(): Promise<void> {
    const { args } = await this.parseArgs(TaskShow)
    const glance = await this.client()
    await this.print(await formatTask(await glance.tasks.get(args.task_id)))
  }
}
