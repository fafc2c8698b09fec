/** SDK clients for e2e tests, from the package's own entry point (`tsglance`, the built dist/). */
import { GlanceClient } from 'tsglance'
import { authFromEnv, openrc, type StackUser } from './stack.js'

/** A client as a stack user whose debug `REQ:` lines (the requests it sends) are appended to `requests`. */
export function recordingClient(user: StackUser, requests: string[]): GlanceClient {
  const env = openrc(user)
  return new GlanceClient({
    auth: authFromEnv(env),
    regionName: env.OS_REGION_NAME,
    debug: (line) => {
      if (line.startsWith('REQ: ')) requests.push(line)
    },
  })
}
