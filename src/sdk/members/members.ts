import type { RequestOptions } from '../request-options.js'
import type { Session } from '../session.js'
import { memberPath, membersPath } from './urls.js'
import type { Member, MemberStatus } from './types.js'

/**
 * `members.*`: sharing an image with other projects. The image's owner adds
 * and removes members; a member project accepts or rejects the share.
 * Glance does not paginate members, so `list` returns them all at once.
 */
export class MembersApi {
  constructor(private readonly session: Session) {}

  async list(imageId: string, { signal }: RequestOptions = {}): Promise<Member[]> {
    const res = await this.session.request({ method: 'GET', path: membersPath(imageId), expect: [200], signal })
    return (await res.json<{ members: Member[] }>()).members
  }

  async get(imageId: string, memberId: string, { signal }: RequestOptions = {}): Promise<Member> {
    const res = await this.session.request({ method: 'GET', path: memberPath(imageId, memberId), expect: [200], signal })
    return res.json<Member>()
  }

  /** Share the image with the project `memberId`; the membership starts `pending`. */
  async create(imageId: string, memberId: string, { signal }: RequestOptions = {}): Promise<Member> {
    const res = await this.session.request({ method: 'POST', path: membersPath(imageId), json: { member: memberId }, expect: [200], signal })
    return res.json<Member>()
  }

  /** Set the membership's status (the member project answering the share). */
  async update(imageId: string, memberId: string, status: MemberStatus, { signal }: RequestOptions = {}): Promise<Member> {
    const res = await this.session.request({ method: 'PUT', path: memberPath(imageId, memberId), json: { status }, expect: [200], signal })
    return res.json<Member>()
  }

  async delete(imageId: string, memberId: string, { signal }: RequestOptions = {}): Promise<void> {
    const res = await this.session.request({ method: 'DELETE', path: memberPath(imageId, memberId), expect: [204], signal })
    await res.dump()
  }
}
