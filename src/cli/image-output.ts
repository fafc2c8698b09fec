import type { Image } from '../sdk/images/types.js'
import { type OutputView, recordView } from './output-view.js'

/** Image keys print_image never shows; json/yaml keep them. */
export const HIDDEN_IMAGE_KEYS = new Set(['self', 'access', 'file', 'schema'])

/** An image the way `glance image-show` prints it (render module loaded lazily). */
export async function formatImage(image: Image, options: { humanReadable?: boolean; maxColumnWidth?: number } = {}): Promise<OutputView> {
  const shown = Object.fromEntries(Object.entries(image).filter(([key]) => !HIDDEN_IMAGE_KEYS.has(key)))
  return recordView(image, shown, async () => (await import('./render/glance-tables.js')).printImage(image, options))
}
