export { inspectImage, DEFAULT_MAX_BYTES, type ImageStream, type InspectedStream } from './inspect.js'
export { diskFormatFor, checkDeclaredFormat, type FormatVerdict } from './disk-format.js'
export * from './types.js'
