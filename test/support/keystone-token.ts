/** Keystone's answer to a token request, for msw handlers in unit tests. */
import { HttpResponse } from 'msw'

/**
 * A project-scoped token (project p1, user u1) whose catalog lists Glance at
 * `glanceUrl`, valid for `lifetimeMs`, with `subjectToken` as its id.
 */
export function keystoneTokenResponse(glanceUrl: string, subjectToken: string, lifetimeMs = 3_600_000) {
  return HttpResponse.json(
    {
      token: {
        issued_at: new Date().toISOString(),
        expires_at: new Date(Date.now() + lifetimeMs).toISOString(),
        catalog: [{ type: 'image', endpoints: [{ interface: 'public', region_id: 'RegionOne', url: glanceUrl }] }],
        project: { id: 'p1' },
        user: { id: 'u1' },
        roles: [],
      },
    },
    { status: 201, headers: { 'x-subject-token': subjectToken } },
  )
}
