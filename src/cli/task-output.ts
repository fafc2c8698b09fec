import type { Task } from '../sdk/tasks/types.js'
import { type OutputView, printedDict } from './output-view.js'

/** Keys glance leaves out of a task's table: links, not facts about the task. */
const HIDDEN_TASK_KEYS = new Set(['self', 'schema'])

/** A task the way `glance task-show` and `task-create` print it (render module loaded lazily). */
export async function formatTask(task: Task): Promise<OutputView> {
  const shown = Object.fromEntries(Object.entries(task).filter(([key]) => !HIDDEN_TASK_KEYS.has(key)))
  return printedDict(task, shown)
}
