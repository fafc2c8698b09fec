import type { Member } from '../sdk/members/types.js'

/** The columns of glance's member tables (member-list, -create, -update). */
const MEMBER_COLUMNS = ['Image ID', 'Member ID', 'Status']

/** Print memberships as glance's member-list table (render module loaded lazily). */
export async function formatMembers(members: readonly Member[]): Promise<string> {
  const { printList } = await import('./render/glance-tables.js')
  return printList(members, MEMBER_COLUMNS)
}
