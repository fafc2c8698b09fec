// Views of commands whose table rows are not the API's objects one to one.
import type { ProjectUsage } from '../sdk/usage/types.js'
import type { Task } from '../sdk/tasks/types.js'
import type { CacheListing } from './render/glance-tables.js'
import { type ListView, listView } from './output-view.js'

/**
 * cache-list's rows as objects: each cached image as the API gives it plus
 * `state: 'cached'`, each queued id as `{image_id, state: 'queued'}`, in
 * the table's order (the server's key order). The table itself is glance's
 * print_cached_images of the listing.
 */
export function cachedImagesView(listing: CacheListing): ListView {
  const rows: object[] = []
  for (const [key, entries] of Object.entries(listing) as [string, readonly unknown[] | undefined][]) {
    if (key === 'cached_images') for (const image of listing.cached_images ?? []) rows.push({ ...image, state: 'cached' })
    else for (const imageId of entries ?? []) rows.push({ image_id: imageId, state: 'queued' })
  }
  const columns = [
    { heading: 'ID', key: 'image_id' },
    { heading: 'State', key: 'state' },
    { heading: 'Last Accessed (UTC)', key: 'last_accessed' },
    { heading: 'Last Modified (UTC)', key: 'last_modified' },
    { heading: 'Size', key: 'size' },
    { heading: 'Hits', key: 'hits' },
  ]
  return listView(rows, columns, async () => (await import('./render/glance-tables.js')).printCachedImages(listing))
}

/** usage: one `{quota, limit, usage}` object per quota, as the table's rows. */
export function usageView(usage: ProjectUsage): ListView {
  const quotas = Object.entries(usage).map(([quota, value]) => ({ quota, ...value }))
  const columns = ['Quota', 'Limit', 'Usage']
  return listView(quotas, columns, async () => (await import('./render/glance-tables.js')).printDictList(quotas, columns))
}

/** image-tasks: print_dict_list shows a task's `id` under 'Task Id'. */
export function imageTasksView(tasks: readonly Task[], columns: readonly string[]): ListView {
  const viewColumns = columns.map((heading) => (heading === 'Task Id' ? { heading, key: 'id' } : heading))
  return listView(tasks, viewColumns, async () => (await import('./render/glance-tables.js')).printDictList(tasks, columns))
}
