import type { Image } from '../sdk/images/types.js'

/** Print an image the way `glance image-show` does (render module loaded lazily). */
export async function formatImage(image: Image, options: { humanReadable?: boolean; maxColumnWidth?: number } = {}): Promise<string> {
  const { printImage } = await import('./render/glance-tables.js')
  return printImage(image, options)
}
