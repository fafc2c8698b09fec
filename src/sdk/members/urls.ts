/** Glance v2 image member paths (relative to the image endpoint). */
const enc = encodeURIComponent

export const membersPath = (imageId: string): string => `/v2/images/${enc(imageId)}/members`
export const memberPath = (imageId: string, memberId: string): string => `/v2/images/${enc(imageId)}/members/${enc(memberId)}`
