/** Glance v2 cache-management paths (relative to the image endpoint). */
const enc = encodeURIComponent

export const cachePath = (): string => '/v2/cache'
export const cachedImagePath = (imageId: string): string => `/v2/cache/${enc(imageId)}`
