import type { RequestPlan } from '../sdk/dry-run.js'
import { type ListView, listView } from './output-view.js'

const PLAN_COLUMNS = [
  { heading: 'Method', key: 'method' },
  { heading: 'URL', key: 'url' },
  { heading: 'Sent', key: 'sent' },
]

/**
 * What --dry-run prints: one line per Glance request in the order made,
 * `[sent]` for the reads it needed, `[not sent]` for what it held back,
 * then the request as --debug's curl line (so the two can be compared).
 * `-f json` and friends get the planned requests as objects.
 */
export function planView(plan: RequestPlan): ListView {
  return listView(plan.requests, PLAN_COLUMNS, async () => plan.requests.map((request) => `[${request.sent ? 'sent' : 'not sent'}] ${request.curl}\n`).join(''))
}
