import type { RequestOptions } from '../request-options.js'
import type { Session } from '../session.js'
import { usagePath } from './urls.js'
import type { ProjectUsage } from './types.js'

/** `usage.*`: the caller's project quotas (Keystone unified limits) and their usage. */
export class UsageApi {
  constructor(private readonly session: Session) {}

  async get({ signal }: RequestOptions = {}): Promise<ProjectUsage> {
    const res = await this.session.request({ method: 'GET', path: usagePath(), expect: [200], signal })
    return (await res.json<{ usage: ProjectUsage }>()).usage
  }
}
