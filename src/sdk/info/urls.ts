/** Glance v2 discovery paths (relative to the image endpoint). */
export { storesInfoPath } from '../images/urls.js'
export const storesInfoDetailPath = (): string => '/v2/info/stores/detail'
export const importInfoPath = (): string => '/v2/info/import'
