/**
 * Glance's REST API, called directly, for what the suites do around a
 * comparison: make fixture images, look at their state, poll, clean up.
 * None of it is compared, so none of it needs a CLI (the real `glance`
 * takes a second and a half of CPU a run); and none of it goes through
 * tsglance's code either, so a tsglance bug cannot shape the data it is
 * compared on. One token per stack user and test file, fetched once.
 */
import { issueToken, glanceUrl, type StackUser } from './stack.js'

const tokens = new Map<StackUser, Promise<string>>()

function tokenOf(user: StackUser): Promise<string> {
  let token = tokens.get(user)
  if (!token) {
    token = issueToken(user).then((issued) => issued.token)
    tokens.set(user, token)
  }
  return token
}

export interface RestResponse {
  status: number
  text: string
}

/**
 * One request to Glance as `user`; the status and body, whatever the status.
 * A token Keystone no longer accepts (401) is replaced once.
 */
export async function glanceRequest(user: StackUser, method: string, path: string, body?: { json: unknown } | { patch: unknown[] } | { bytes: Buffer }): Promise<RestResponse> {
  for (let attempt = 1; ; attempt++) {
    const headers: Record<string, string> = { 'X-Auth-Token': await tokenOf(user) }
    let payload: string | Buffer | undefined
    if (body && 'json' in body) [headers['Content-Type'], payload] = ['application/json', JSON.stringify(body.json)]
    if (body && 'patch' in body) [headers['Content-Type'], payload] = ['application/openstack-images-v2.1-json-patch', JSON.stringify(body.patch)]
    if (body && 'bytes' in body) [headers['Content-Type'], payload] = ['application/octet-stream', body.bytes]
    const res = await fetch(`${glanceUrl()}${path}`, { method, headers, body: payload })
    const text = await res.text()
    if (res.status !== 401 || attempt === 2) return { status: res.status, text }
    tokens.delete(user)
  }
}

/** `glanceRequest` that must answer one of `expected`; the parsed JSON body (if any). */
export async function glanceApi<T = unknown>(user: StackUser, method: string, path: string, body?: Parameters<typeof glanceRequest>[3], expected = [200, 201, 204]): Promise<T> {
  const res = await glanceRequest(user, method, path, body)
  if (!expected.includes(res.status)) throw new Error(`${method} ${path} as ${user}: HTTP ${res.status} ${res.text.slice(0, 300)}`)
  return (res.text ? JSON.parse(res.text) : undefined) as T
}

/** An image as Glance's API returns it. */
export type ApiImage = Record<string, unknown> & { id: string; name?: string; status: string; stores?: string }

export const getImage = (id: string, user: StackUser = 'demo') => glanceApi<ApiImage>(user, 'GET', `/v2/images/${id}`)

/** Every image `user` lists (following every page), hidden ones only when `hidden`. */
export async function listImages(user: StackUser, hidden: boolean): Promise<ApiImage[]> {
  const found: ApiImage[] = []
  let next: string | undefined = `/v2/images?limit=1000&os_hidden=${hidden}`
  while (next) {
    const page: { images: ApiImage[]; next?: string } = await glanceApi(user, 'GET', next)
    found.push(...page.images)
    next = page.next
  }
  return found
}
