/** An SDK client whose every request is answered by msw handlers (token auth, fixed endpoint). */
import { GlanceClient } from '../../src/sdk/client.js'
import type { MockDispatcher } from './msw-dispatcher.js'

export const GLANCE_BASE = 'http://glance.test:9292'

export const mockClient = (mock: MockDispatcher): GlanceClient =>
  new GlanceClient({ dispatcher: mock.dispatcher, endpoint: `${GLANCE_BASE}/v2`, auth: { token: 'tok' } })

/** `METHOD url` of a recorded request, for comparing request sequences. */
export const requestLine = (r: { method: string; url: string }): string => `${r.method} ${r.url}`
