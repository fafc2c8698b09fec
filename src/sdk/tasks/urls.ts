/** Glance v2 task paths (relative to the image endpoint). */
export const tasksPath = (): string => '/v2/tasks'
export const taskPath = (id: string): string => `/v2/tasks/${encodeURIComponent(id)}`
