import { LocationsHiddenError, ValidationError } from '../errors.js'
import type { ImagesApi } from './images.js'
import type { RequestOptions } from '../request-options.js'
import type { Image, ImageLocation, LocationValidationData } from './types.js'

/** The image has no location with these URLs (found before anything was changed). */
export class UnknownLocationError extends ValidationError {
  override name = 'UnknownLocationError'
  constructor(readonly urls: readonly string[]) {
    super('urls', `Unknown URL(s): ${urls.join(', ')}`)
  }
}

export interface AddLocationOptions extends RequestOptions {
  /** Store-specific metadata (default `{}`). */
  metadata?: Record<string, unknown>
  /** Hashes to check the data against; needs os_hash_algo and os_hash_value together. */
  validationData?: LocationValidationData
}

/** Python's `==` on JSON values: dicts compare without regard to key order. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]))
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  const keys = Object.keys(a)
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.hasOwn(b, key) && jsonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  )
}

/**
 * `images.locations.*`: an image's list of data locations, edited through
 * JSON patches on the image as glanceclient 4.1.0 does (the `/locations`
 * API of v2.17 is not used). Reading locations needs Glance's
 * `show_multiple_locations`; without it delete and update throw
 * LocationsHiddenError before sending anything. The image each method
 * returns is read back after the patch, as glanceclient does: the patch's
 * own answer echoes the write-only `validation_data` into `locations`.
 */
export class ImageLocationsApi {
  constructor(private readonly images: ImagesApi) {}

  /** Append a location; returns the updated image. */
  async add(imageId: string, url: string, opts: AddLocationOptions = {}): Promise<Image> {
    const location: ImageLocation = { url, metadata: opts.metadata ?? {} }
    if (opts.validationData && Object.keys(opts.validationData).length > 0) location.validation_data = opts.validationData
    await this.images.patch(imageId, [{ op: 'add', path: '/locations/-', value: location }], opts)
    return this.images.get(imageId, opts)
  }

  /**
   * Remove the locations with these URLs, all or none: a URL the image
   * does not have throws UnknownLocationError and nothing is removed.
   */
  async delete(imageId: string, urls: readonly string[], options: RequestOptions = {}): Promise<void> {
    const current = requireLocations(await this.images.get(imageId, options)).map((l) => l.url)
    const wanted = [...new Set(urls)]
    const missing = wanted.filter((url) => !current.includes(url))
    if (missing.length > 0) throw new UnknownLocationError(missing)
    // Highest index first, so each removal leaves the other indices valid.
    const indices = wanted.map((url) => current.indexOf(url)).sort((a, b) => b - a)
    await this.images.patch(imageId, indices.map((i) => ({ op: 'remove', path: `/locations/${i}` })), options)
  }

  /**
   * Replace the metadata of the location with this URL; returns the image
   * (unchanged, without a PATCH, when the metadata already is `metadata`).
   */
  async update(imageId: string, url: string, metadata: Record<string, unknown>, options: RequestOptions = {}): Promise<Image> {
    const image = await this.images.get(imageId, options)
    const locations = requireLocations(image)
    const target = locations.find((l) => l.url === url)
    if (!target) throw new UnknownLocationError([url])
    if (jsonEqual(target.metadata, metadata)) return image
    const updated = locations.map((l) => (l === target ? { ...l, metadata } : l))
    await this.images.patch(imageId, [{ op: 'replace', path: '/locations', value: updated }], options)
    return this.images.get(imageId, options)
  }
}

/** glanceclient's check: an image shown without `locations` means the cloud hides them. */
function requireLocations(image: Image): ImageLocation[] {
  if (image.locations === undefined || image.locations === null) {
    throw new LocationsHiddenError()
  }
  return image.locations
}
