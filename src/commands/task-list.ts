import { Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { printedList } from '../cli/output-view.js'
import { SORT_DIRECTIONS, TASK_SORT_KEYS } from '../sdk/tasks/types.js'

export default class TaskList extends GlanceCommand {
  static override summary = 'List tasks you can access.'
  static override flags = {
    'sort-key': Flags.option({ description: 'Sort task list by specified field.', options: TASK_SORT_KEYS, default: 'status' })(),
    'sort-dir': Flags.option({ description: 'Sort task list in specified direction.', options: SORT_DIRECTIONS, default: 'desc' })(),
    'page-size': Flags.integer({ description: 'Number of tasks to request in each paginated request.', helpValue: '<SIZE>' }),
    type: Flags.string({ description: 'Filter tasks to those that have this type.', helpValue: '<TYPE>' }),
    status: Flags.string({ description: 'Filter tasks to those that have this status.', helpValue: '<STATUS>' }),
  }

  async run(): Promise<void> {
    const { flags } = await this.parseArgs(TaskList)
    const glance = await this.client()
    const tasks = await glance.tasks
      .list({ type: flags.type, status: flags.status, pageSize: flags['page-size'], sortKey: flags['sort-key'], sortDir: flags['sort-dir'] })
      .toArray()
    await this.print(printedList(tasks, ['ID', 'Type', 'Status', 'Owner']))
  }
}
