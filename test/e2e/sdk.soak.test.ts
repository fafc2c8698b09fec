/**
 * Soak: one SDK client, as a service holds it, kept busy by 20 concurrent
 * workers for about 2.75 lifetimes of its token, against the stack's
 * short-token Keystone (tokens valid about a minute) and the real Glance.
 * Every call must succeed, the client must have renewed its token along the
 * way, and Glance must really refuse the client's first token by the end,
 * so the run did cross token expiry (issue 16).
 *
 * Takes about three minutes; TSGLANCE_SOAK_LIFETIMES changes the length.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GlanceClient } from 'tsglance'
import { authFromEnv, issueToken, openrc, requireStack, shortTokenAuthUrl } from './support/stack.js'

requireStack()

const WORKERS = 20
const LIFETIMES = Number(process.env.TSGLANCE_SOAK_LIFETIMES ?? 2.75)
const runTag = `sdk-soak-${process.pid}-${Date.now()}`

/** When each token request left, from the client's debug log. */
const tokenRequests: number[] = []
/** Statuses Glance answered with, from the client's debug log. */
const statuses = new Map<number, number>()
const created = new Set<string>()
let glance: GlanceClient
let firstToken: { token: string; expiresAt: Date }
let lifetimeMs: number
let altProject: string
let fixtureId: string

beforeAll(async () => {
  glance = new GlanceClient({
    auth: authFromEnv(openrc('demo'), { authUrl: shortTokenAuthUrl() }),
    // Strict: a call that needed a retry to succeed would hide a failure.
    retry: { retries: 0 },
    debug: (line) => {
      if (/^REQ: .* -X POST \S+\/v3\/auth\/tokens /.test(line)) tokenRequests.push(Date.now())
      const status = /^RESP: \[(\d+)\]/.exec(line)
      if (status) statuses.set(Number(status[1]), (statuses.get(Number(status[1])) ?? 0) + 1)
    },
  })
  const requested = Date.now()
  const token = await glance.session.token()
  expect(token.expiresAt).toBeInstanceOf(Date)
  firstToken = { token: token.token, expiresAt: token.expiresAt! }
  lifetimeMs = firstToken.expiresAt.getTime() - requested
  expect(lifetimeMs, 'the short-token Keystone should issue tokens of about a minute').toBeLessThan(100_000)
  altProject = (await issueToken('alt')).projectId!
  const fixture = await glance.images.create({ name: `${runTag}-fixture`, disk_format: 'raw', container_format: 'bare' })
  created.add(fixture.id)
  fixtureId = fixture.id
})

afterAll(async () => {
  for (const id of created) await glance?.images.delete(id).catch(() => undefined)
  await glance?.close()
})

/**
 * One create-to-delete round: create, upload, update (which reads the image
 * schema through the client's shared copy), tag, share, list members,
 * download and compare, unshare, delete.
 */
async function imageCycle(worker: number, round: number): Promise<void> {
  const data = randomBytes(64 * 1024)
  const image = await glance.images.create({ name: `${runTag}-w${worker}-${round}`, disk_format: 'raw', container_format: 'bare' })
  created.add(image.id)
  await glance.images.upload(image.id, data)
  await glance.images.update(image.id, { set: { soak_round: String(round) } })
  await glance.images.tags.add(image.id, runTag)
  await glance.members.create(image.id, altProject)
  const members = await glance.members.list(image.id)
  if (!members.some((m) => m.member_id === altProject)) throw new Error(`member ${altProject} missing on ${image.id}`)
  const download = await glance.images.download(image.id)
  const chunks: Buffer[] = []
  for await (const chunk of download!.stream) chunks.push(chunk as Buffer)
  if (!Buffer.concat(chunks).equals(data)) throw new Error(`downloaded data of ${image.id} differs`)
  await glance.members.delete(image.id, altProject)
  await glance.images.delete(image.id)
  created.delete(image.id)
}

const OPERATIONS: Record<string, (worker: number, round: number) => Promise<unknown>> = {
  list: () => glance.images.list({ limit: 5 }).toArray(),
  get: async () => {
    if ((await glance.images.get(fixtureId)).id !== fixtureId) throw new Error('images.get returned another image')
  },
  importInfo: () => glance.info.getImportInfo(),
  stores: () => glance.info.getStoresInfo(),
  cycle: imageCycle,
}
const NAMES = Object.keys(OPERATIONS)

describe(`one SDK client, ${WORKERS} concurrent workers, across token expiry`, () => {
  it(
    'no call fails; the token is renewed before it expires; Glance refuses the first token by the end',
    async () => {
      const soakMs = Math.ceil(LIFETIMES * lifetimeMs)
      const started = Date.now()
      const calls = new Map<string, number>()
      const failures: string[] = []
      const worker = async (id: number) => {
        for (let round = 0; Date.now() - started < soakMs; round++) {
          const name = NAMES[(id + round) % NAMES.length]
          try {
            await OPERATIONS[name](id, round)
          } catch (err) {
            failures.push(`${new Date().toISOString()} worker ${id} ${name}: ${(err as Error).name}: ${(err as Error).message}`)
          }
          calls.set(name, (calls.get(name) ?? 0) + 1)
        }
      }
      await Promise.all(Array.from({ length: WORKERS }, (_, id) => worker(id)))
      const wallMs = Date.now() - started

      const total = [...calls.values()].reduce((a, b) => a + b, 0)
      console.log(
        `soak: ${(wallMs / 1000).toFixed(0)} s, token lifetime ${(lifetimeMs / 1000).toFixed(0)} s, ${total} calls (${[...calls].map(([n, c]) => `${n} ${c}`).join(', ')}), ` +
          `${failures.length} failed, ${tokenRequests.length} token requests, responses ${JSON.stringify(Object.fromEntries(statuses))}`,
      )
      expect(failures).toEqual([])
      expect(wallMs).toBeGreaterThanOrEqual(soakMs)
      for (const name of NAMES) expect(calls.get(name), name).toBeGreaterThan(WORKERS)

      // The first token expired mid-run and the client went on with renewed ones.
      expect(Date.now()).toBeGreaterThan(firstToken.expiresAt.getTime())
      const renewals = tokenRequests.length - 1
      expect(renewals).toBeGreaterThanOrEqual(Math.floor(LIFETIMES))
      // Renewed once per lifetime or so, not per call: concurrent callers share a renewal.
      expect(tokenRequests.length).toBeLessThanOrEqual(3 * Math.ceil(wallMs / lifetimeMs) + 1)
      // Renewed ahead of expiry: Glance never had to refuse a token of the client.
      expect(statuses.get(401) ?? 0).toBe(0)

      // And Glance does refuse an expired token: the soak really crossed expiry.
      const res = await fetch(`${await glance.session.endpoint()}/v2/images?limit=1`, { headers: { 'X-Auth-Token': firstToken.token } })
      expect(res.status).toBe(401)
    },
    LIFETIMES * 100_000 + 120_000,
  )
})
