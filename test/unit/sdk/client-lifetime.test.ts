/**
 * A client a service keeps for days: what it computes once and shares (the
 * token, the endpoint from the catalog, `/versions`, schemas) must survive an
 * aborted or failed first call, and one caller's AbortSignal must never end
 * another caller's request.
 */
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { GlanceClient } from '../../../src/sdk/client.js'
import { SharedResult } from '../../../src/sdk/result-cache.js'
import { keystoneTokenResponse } from '../../support/keystone-token.js'
import { createMockDispatcher } from '../../support/msw-dispatcher.js'

const keystone = 'http://keystone.test:5000/v3'
const glance = 'http://glance.test:9292'
const auth = { authUrl: keystone, username: 'u', password: 'p', userDomainName: 'Default', projectName: 'p', projectDomainName: 'Default' }
const NO_RETRIES = { retries: 0 }

/** Keystone whose answers the test controls: each token request waits for `answer()` or fails while `down`. */
function controllableKeystone() {
  const state = { requests: 0, down: false, waiting: [] as (() => void)[] }
  const handler = http.post(`${keystone}/auth/tokens`, async () => {
    state.requests++
    if (state.down) return new HttpResponse('outage', { status: 500 })
    await new Promise<void>((resolve) => state.waiting.push(resolve))
    return keystoneTokenResponse(glance, `token-${state.requests}`)
  })
  /** Release every waiting token request once it has arrived. */
  const answer = async () => {
    while (state.waiting.length === 0) await new Promise((r) => setTimeout(r, 1))
    for (const release of state.waiting.splice(0)) release()
  }
  return { handler, state, answer }
}

const imagesHandler = http.get(`${glance}/v2/images`, () => HttpResponse.json({ images: [{ id: 'i1', name: 'one' }] }))

async function names(client: GlanceClient, signal?: AbortSignal): Promise<string[]> {
  const out: string[] = []
  for await (const image of client.images.list({ signal })) out.push(image.name as string)
  return out
}

describe('a client kept across failures', () => {
  it('an aborted first call rejects with its signal\'s reason; the next call on the same client succeeds', async () => {
    const ks = controllableKeystone()
    const client = new GlanceClient({ dispatcher: createMockDispatcher(ks.handler, imagesHandler).dispatcher, auth })
    const controller = new AbortController()
    const first = names(client, controller.signal)
    while (ks.state.requests === 0) await new Promise((r) => setTimeout(r, 1))
    const reason = new DOMException('caller gave up', 'AbortError')
    controller.abort(reason)
    await expect(first).rejects.toBe(reason)
    const second = names(client)
    while (ks.state.requests < 2) await new Promise((r) => setTimeout(r, 1))
    await ks.answer()
    expect(await second).toEqual(['one'])
    // The abandoned token request is not inherited: the second call asked anew.
    expect(ks.state.requests).toBe(2)
  })

  it('a Keystone outage on the first call is not kept: the next call authenticates afresh', async () => {
    const ks = controllableKeystone()
    ks.state.down = true
    const client = new GlanceClient({ dispatcher: createMockDispatcher(ks.handler, imagesHandler).dispatcher, auth, retry: NO_RETRIES })
    await expect(names(client)).rejects.toMatchObject({ name: 'AuthenticationError', cause: { status: 500 } })
    ks.state.down = false
    const second = names(client)
    await ks.answer()
    expect(await second).toEqual(['one'])
    expect(ks.state.requests).toBe(2)
  })

  it('Glance answering 503 on the first call leaves the client usable', async () => {
    const ks = controllableKeystone()
    let glanceUp = false
    const flaky = http.get(`${glance}/v2/images`, () => (glanceUp ? HttpResponse.json({ images: [{ id: 'i1', name: 'one' }] }) : new HttpResponse('busy', { status: 503 })))
    const client = new GlanceClient({ dispatcher: createMockDispatcher(ks.handler, flaky).dispatcher, auth, retry: NO_RETRIES })
    const first = names(client)
    await ks.answer()
    await expect(first).rejects.toMatchObject({ status: 503 })
    glanceUp = true
    expect(await names(client)).toEqual(['one'])
    expect(ks.state.requests).toBe(1)
  })

  it("one caller aborting does not abort another caller waiting on the same token; one token request serves both", async () => {
    const ks = controllableKeystone()
    const client = new GlanceClient({ dispatcher: createMockDispatcher(ks.handler, imagesHandler).dispatcher, auth })
    const controller = new AbortController()
    const impatient = names(client, controller.signal)
    const patient = names(client)
    while (ks.state.requests === 0) await new Promise((r) => setTimeout(r, 1))
    controller.abort()
    await expect(impatient).rejects.toMatchObject({ name: 'AbortError' })
    await ks.answer()
    expect(await patient).toEqual(['one'])
    expect(ks.state.requests).toBe(1)
  })

  it('a schema whose first fetch failed is fetched again; one that succeeded is not', async () => {
    let schemaRequests = 0
    const schemas = http.get(`${glance}/v2/schemas/image`, () => (++schemaRequests === 1 ? new HttpResponse('oops', { status: 500 }) : HttpResponse.json({ name: 'image', properties: {} })))
    const client = new GlanceClient({ dispatcher: createMockDispatcher(schemas).dispatcher, endpoint: glance, auth: { token: 't' }, retry: NO_RETRIES })
    await expect(client.schemas.get('image')).rejects.toMatchObject({ status: 500 })
    expect((await client.schemas.get('image')).name).toBe('image')
    await client.schemas.get('image')
    expect(schemaRequests).toBe(2)
  })

  it('the version document: an aborted wait does not cancel the fetch other callers share', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let versionRequests = 0
    const versions = http.get(`${glance}/versions`, async () => {
      versionRequests++
      await gate
      return HttpResponse.json({ versions: [{ id: 'v2.16', status: 'CURRENT' }] })
    })
    const client = new GlanceClient({ dispatcher: createMockDispatcher(versions).dispatcher, endpoint: glance, auth: { token: 't' } })
    const controller = new AbortController()
    const aborted = client.versions.has('v2.16', { signal: controller.signal })
    const other = client.versions.has('v2.16')
    while (versionRequests === 0) await new Promise((r) => setTimeout(r, 1))
    controller.abort()
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' })
    release()
    expect(await other).toBe(true)
    expect(versionRequests).toBe(1)
  })
})

describe('SharedResult', () => {
  it('an already aborted signal rejects at once and starts nothing', async () => {
    let computed = 0
    const shared = new SharedResult(async () => ++computed)
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    await expect(shared.get(controller.signal)).rejects.toThrow('stop')
    expect(computed).toBe(0)
    expect(await shared.get()).toBe(1)
    expect(await shared.get()).toBe(1)
  })

  it('work whose every waiter gave up is cancelled (its signal aborts) and not shared with the next caller', async () => {
    const signals: AbortSignal[] = []
    const shared = new SharedResult((signal) => {
      signals.push(signal)
      return signals.length === 1 ? new Promise<number>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))) : Promise.resolve(2)
    })
    const [a, b] = [new AbortController(), new AbortController()]
    const first = [shared.get(a.signal), shared.get(b.signal)]
    a.abort(new Error('a left'))
    await expect(first[0]).rejects.toThrow('a left')
    expect(signals[0].aborted).toBe(false)
    b.abort(new Error('b left'))
    await expect(first[1]).rejects.toThrow('b left')
    expect(signals[0].aborted).toBe(true)
    expect(await shared.get()).toBe(2)
    expect(signals).toHaveLength(2)
  })

  it('keep: false shares only the work in flight', async () => {
    let computed = 0
    const shared = new SharedResult(async () => ++computed, { keep: false })
    expect(await Promise.all([shared.get(), shared.get()])).toEqual([1, 1])
    expect(await shared.get()).toBe(2)
  })
})
