/** The states of a membership, in the order glanceclient lists them. */
export const MEMBER_STATUSES = ['accepted', 'rejected', 'pending'] as const
export type MemberStatus = (typeof MEMBER_STATUSES)[number]

/**
 * One project an image is shared with, as Glance returns it (snake_case
 * keys, so the object prints exactly as glance prints it).
 */
export interface Member {
  image_id: string
  /** The project the image is shared with. */
  member_id: string
  status: MemberStatus
  created_at: string
  updated_at: string
  schema: string
}
