/** Glance v2 image paths (relative to the image endpoint). */
const enc = encodeURIComponent

export const imagesPath = (): string => '/v2/images'
export const imagePath = (id: string): string => `/v2/images/${enc(id)}`
export const imageFilePath = (id: string): string => `/v2/images/${enc(id)}/file`
export const storesInfoPath = (): string => '/v2/info/stores'
