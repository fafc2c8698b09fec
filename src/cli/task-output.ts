import type { Task } from '../sdk/tasks/types.js'

/** Keys glance leaves out of a task's table: links, not facts about the task. */
const HIDDEN_TASK_KEYS = new Set(['self', 'schema'])

/** Print a task the way `glance task-show` and `task-create` do (render module loaded lazily). */
export async function formatTask(task: Task): Promise<string> {
  const { printDict } = await import('./render/glance-tables.js')
  return printDict(Object.fromEntries(Object.entries(task).filter(([key]) => !HIDDEN_TASK_KEYS.has(key))))
}
