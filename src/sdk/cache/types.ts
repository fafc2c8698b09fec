/** One image in a Glance node's cache (`GET /v2/cache`). */
export interface CachedImage {
  image_id: string
  /** Seconds since the epoch (fractional); 0 when never read from the cache. */
  last_accessed: number
  last_modified: number
  size: number
  hits: number
}

/**
 * The cache state of the Glance node that answered: cached images and the
 * ids queued for caching, in the server's key order (glance prints them so).
 */
export interface CacheState {
  cached_images: CachedImage[]
  queued_images: string[]
}

/** What `DELETE /v2/cache` empties (`x-image-cache-clear-target`); `both` sends no header. */
export const CACHE_CLEAR_TARGETS = ['both', 'cache', 'queue'] as const
export type CacheClearTarget = (typeof CACHE_CLEAR_TARGETS)[number]
