import type { Member } from '../sdk/members/types.js'
import { type OutputView, printedList } from './output-view.js'

/** The columns of glance's member tables (member-list, -create, -update). */
const MEMBER_COLUMNS = ['Image ID', 'Member ID', 'Status']

/** Memberships as glance's member-list table (render module loaded lazily). */
export async function formatMembers(members: readonly Member[]): Promise<OutputView> {
  return printedList(members, MEMBER_COLUMNS)
}
