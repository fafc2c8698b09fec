import { Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { validateAgainstSchema } from '../cli/schema-validation.js'
import { formatTask } from '../cli/task-output.js'
import type { TaskCreateFields } from '../sdk/tasks/types.js'

export default class TaskCreate extends GlanceCommand {
  static override summary = 'Create a new task.'
  static override flags = {
    type: Flags.string({ description: 'Type of Task. Please refer to Glance schema or documentation to see which tasks are supported.', helpValue: '<TYPE>' }),
    input: Flags.string({ description: 'Parameters of the task to be launched', helpValue: '<STRING>', default: '{}' }),
  }

  async run(): Promise<void> {
    const { flags } = await this.parseArgs(TaskCreate)
    if (!flags.type || !flags.input) this.fail('Unable to create task. Specify task type and input.')
    // Checked before anything is sent (no token is even requested).
    let input: unknown
    try {
      input = JSON.parse(flags.input)
    } catch {
      this.fail('Failed to parse the "input" parameter. Must be a valid JSON object.')
    }
    const fields = { type: flags.type, input }
    const glance = await this.client()
    // glanceclient sets each field on a model of the live task schema, so
    // a wrong type or a non-object input stops here with warlock's message.
    validateAgainstSchema(fields, await glance.schemas.get('task'))
    await this.print(await formatTask(await glance.tasks.create(fields as TaskCreateFields)))
  }
}
