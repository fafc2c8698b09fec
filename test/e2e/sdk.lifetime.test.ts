/**
 * One SDK client kept across failures, against the real Keystone and Glance
 * reached through fault proxies: an aborted first call, a Keystone outage on
 * the first call, and Glance answering 503 must each leave the client
 * working for the next call (a service holds its client for days).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GlanceClient } from 'tsglance'
import { FaultProxy } from '../support/fault-proxy.js'
import { authFromEnv, glanceUrl, openrc, requireStack } from './support/stack.js'

requireStack()

const DEMO = openrc('demo')
const TOKENS = /\/v3\/auth\/tokens/
const IMAGES = /^\/v2\/images/
let keystone: FaultProxy
let glance: FaultProxy

beforeAll(async () => {
  keystone = await FaultProxy.start(new URL(DEMO.OS_AUTH_URL).origin)
  glance = await FaultProxy.start(glanceUrl())
})

afterAll(async () => {
  await keystone?.close()
  await glance?.close()
})

/** A client that reaches Keystone and Glance only through the proxies, without retries. */
function client(): GlanceClient {
  return new GlanceClient({ auth: authFromEnv(DEMO, { authUrl: `${keystone.url}/v3` }), endpoint: glance.url, retry: { retries: 0 } })
}

async function firstPage(glanceClient: GlanceClient, signal?: AbortSignal) {
  const page = []
  for await (const image of glanceClient.images.list({ limit: 1, signal })) page.push(image)
  return page
}

describe('an SDK client kept across failures', () => {
  it('aborting the first call (token request under way) leaves the client usable', async () => {
    keystone.setRules({ method: 'POST', path: TOKENS, fault: { kind: 'stall' } })
    glance.setRules()
    const glanceClient = client()
    try {
      const controller = new AbortController()
      const first = firstPage(glanceClient, controller.signal)
      while (keystone.seen('POST', TOKENS).length === 0) await new Promise((r) => setTimeout(r, 10))
      controller.abort()
      await expect(first).rejects.toMatchObject({ name: 'AbortError' })
      expect(Array.isArray(await firstPage(glanceClient))).toBe(true)
      expect(keystone.seen('POST', TOKENS)).toHaveLength(2)
      expect(glance.seen('GET', IMAGES).map((r) => r.status)).toEqual([200])
    } finally {
      await glanceClient.close()
    }
  })

  it('a Keystone outage on the first call is not remembered', async () => {
    keystone.setRules({ method: 'POST', path: TOKENS, fault: { kind: 'status', status: 503 } })
    glance.setRules()
    const glanceClient = client()
    try {
      await expect(firstPage(glanceClient)).rejects.toMatchObject({ name: 'AuthenticationError' })
      expect(Array.isArray(await firstPage(glanceClient))).toBe(true)
      expect(keystone.seen('POST', TOKENS).map((r) => r.status)).toEqual([503, 201])
    } finally {
      await glanceClient.close()
    }
  })

  it('Glance answering 503 on the first call leaves the client usable, with the same token', async () => {
    keystone.setRules()
    glance.setRules({ method: 'GET', path: IMAGES, fault: { kind: 'status', status: 503 } })
    const glanceClient = client()
    try {
      await expect(firstPage(glanceClient)).rejects.toMatchObject({ status: 503 })
      expect(Array.isArray(await firstPage(glanceClient))).toBe(true)
      expect(glance.seen('GET', IMAGES).map((r) => r.status)).toEqual([503, 200])
      expect(keystone.seen('POST', TOKENS)).toHaveLength(1)
    } finally {
      await glanceClient.close()
    }
  })
})
