/** Glance v2 image paths (relative to the image endpoint). */
const enc = encodeURIComponent

export const imagesPath = (): string => '/v2/images'
export const imagePath = (id: string): string => `/v2/images/${enc(id)}`
export const imageFilePath = (id: string): string => `/v2/images/${enc(id)}/file`
export const storesInfoPath = (): string => '/v2/info/stores'
export const imageStagePath = (id: string): string => `/v2/images/${enc(id)}/stage`
export const imageImportPath = (id: string): string => `/v2/images/${enc(id)}/import`
export const imageTasksPath = (id: string): string => `/v2/images/${enc(id)}/tasks`
export const storeImagePath = (store: string, id: string): string => `/v2/stores/${enc(store)}/${enc(id)}`
export const imageTagPath = (id: string, tag: string): string => `/v2/images/${enc(id)}/tags/${enc(tag)}`
export const imageActionPath = (id: string, action: 'deactivate' | 'reactivate'): string => `/v2/images/${enc(id)}/actions/${action}`
