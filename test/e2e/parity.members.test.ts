/**
 * Parity of the member commands, walked through glance's sharing flow
 * across projects: admin shares an image with the `alt` project, alt
 * accepts it (and then sees it), demo never sees it, alt rejects it, admin
 * removes the membership. At every step the real `glance` 4.1.0 and
 * `tsglance` run the same command, each on an image of its own made alike
 * (ids masked), and must give the same exit code, stdout and stderr. The
 * refusals (a public image, someone else's membership, unknown members)
 * run on one shared fixture, so every byte, ids included, must match.
 *
 * Images carry this run's prefix and afterAll deletes them (their
 * memberships go with them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ImageLedger } from './support/images.js'
import { expectParity, listedIds, runBoth, tableValue, type PairOptions, type Tool } from './support/parity.js'
import { privateHome } from './support/run.js'
import { issueToken, requireStack, type StackUser } from './support/stack.js'

requireStack()

const images = new ImageLedger('mem')
const HOME = privateHome()
/** Both tools as one stack user, with a HOME no other suite writes to. */
const as = (user: StackUser): PairOptions => ({ user, env: { HOME } })

/** The project the images are shared with, and one they are not. */
let altProject: string
let demoProject: string
/** One shared image per tool (admin's), made alike; the flow runs on both. */
let shared: Record<Tool, string>
/** admin's public image: glance refuses members on it. */
let publicImage: string

/** The rows of a member table, as `image member status` triples. */
function memberRows(table: string): string[][] {
  return [...table.matchAll(/^\| ([0-9a-f-]{36}) +\| (\S+) +\| (\S+) +\|$/gm)].map((m) => m.slice(1))
}

beforeAll(async () => {
  const [alt, demo] = await Promise.all([issueToken('alt'), issueToken('demo')])
  altProject = alt.projectId!
  demoProject = demo.projectId!
  const sharedArgs = ['--visibility', 'shared']
  shared = { glance: await images.create('shared', sharedArgs, { user: 'admin' }), tsglance: await images.create('shared', sharedArgs, { user: 'admin' }) }
  publicImage = await images.create('public', ['--visibility', 'public'], { user: 'admin' })
})

afterAll(() => images.cleanup())

describe('the sharing flow', () => {
  it('admin adds alt as a member: pending', async () => {
    const pair = expectParity(await runBoth((tool) => ['member-create', shared[tool], altProject], as('admin')), { code: 0 })
    expect(memberRows(pair.tsglance.stdout)).toEqual([[shared.tsglance, altProject, 'pending']])
  })

  it('adding the same member again is a conflict', async () => {
    const pair = expectParity(await runBoth((tool) => ['member-create', shared[tool], altProject], as('admin')), { code: 1 })
    expect(pair.tsglance.stderr).toBe(`HTTP 409 Conflict: Member ${altProject} is duplicated for image ${shared.tsglance}\n`)
  })

  it('member-list and member-get show the pending membership', async () => {
    const listed = expectParity(await runBoth((tool) => ['member-list', '--image-id', shared[tool]], as('admin')), { code: 0 })
    expect(memberRows(listed.tsglance.stdout)).toEqual([[shared.tsglance, altProject, 'pending']])
    const got = expectParity(await runBoth((tool) => ['member-get', shared[tool], altProject], as('admin')), { code: 0 })
    expect(tableValue(got.tsglance.stdout, 'status')).toBe('pending')
    expect(tableValue(got.tsglance.stdout, 'schema')).toBe('/v2/schemas/member')
  })

  it('alt accepts, then sees the image in image-list --member-status accepted and image-show', async () => {
    const pair = expectParity(await runBoth((tool) => ['member-update', shared[tool], altProject, 'accepted'], as('alt')), { code: 0 })
    expect(memberRows(pair.tsglance.stdout)).toEqual([[shared.tsglance, altProject, 'accepted']])

    const listed = expectParity(await runBoth(['image-list', '--member-status', 'accepted', '--property-filter', `name=${images.name('shared')}`], as('alt')), {
      code: 0,
      masked: false,
    })
    expect(listedIds(listed.tsglance.stdout).sort()).toEqual([shared.glance, shared.tsglance].sort())
    const shown = expectParity(await runBoth(['image-show', shared.tsglance], as('alt')), { code: 0, masked: false })
    expect(tableValue(shown.tsglance.stdout, 'visibility')).toBe('shared')
  })

  it('demo, not a member, neither sees the image nor can touch the membership', async () => {
    const listed = expectParity(await runBoth(['image-list', '--property-filter', `name=${images.name('shared')}`], as('demo')), { code: 0, masked: false })
    expect(listedIds(listed.tsglance.stdout)).toEqual([])
    expectParity(await runBoth(['image-show', shared.tsglance], as('demo')), { code: 1, masked: false })
    const update = expectParity(await runBoth(['member-update', shared.tsglance, altProject, 'rejected'], as('demo')), { code: 1, masked: false })
    expect(update.tsglance.stderr).toMatch(/^HTTP 404 Not Found: /)
    expectParity(await runBoth(['member-list', '--image-id', shared.tsglance], as('demo')), { code: 1, masked: false })
  })

  it('alt, a member but not the owner, cannot add members or change another project’s membership', async () => {
    const added = expectParity(await runBoth(['member-create', shared.tsglance, demoProject], as('alt')), { code: 1, masked: false })
    expect(added.tsglance.stderr).toMatch(/^HTTP 403 Forbidden: /)
    expectParity(await runBoth(['member-get', shared.tsglance, demoProject], as('alt')), { code: 1, masked: false })
  })

  it('alt rejects; member-list shows rejected', async () => {
    expectParity(await runBoth((tool) => ['member-update', shared[tool], altProject, 'rejected'], as('alt')), { code: 0 })
    const listed = expectParity(await runBoth((tool) => ['member-list', '--image-id', shared[tool]], as('admin')), { code: 0 })
    expect(memberRows(listed.tsglance.stdout)).toEqual([[shared.tsglance, altProject, 'rejected']])
    const accepted = expectParity(await runBoth(['image-list', '--member-status', 'accepted', '--property-filter', `name=${images.name('shared')}`], as('alt')), {
      code: 0,
      masked: false,
    })
    expect(listedIds(accepted.tsglance.stdout)).toEqual([])
  })

  it('admin removes the member; member-list is empty', async () => {
    const removed = expectParity(await runBoth((tool) => ['member-delete', shared[tool], altProject], as('admin')), { code: 0 })
    expect(removed.tsglance.stdout).toBe('')
    const listed = expectParity(await runBoth((tool) => ['member-list', '--image-id', shared[tool]], as('admin')), { code: 0 })
    expect(memberRows(listed.tsglance.stdout)).toEqual([])
  })
})

describe('refusals', () => {
  it('sharing a public image', async () => {
    const pair = expectParity(await runBoth(['member-create', publicImage, altProject], as('admin')), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toMatch(/^HTTP 403 Forbidden: /)
  })

  const unknownMember = [
    { what: 'member-get', args: () => ['member-get', shared.tsglance, 'nobody'] },
    { what: 'member-update', args: () => ['member-update', shared.tsglance, 'nobody', 'accepted'] },
    { what: 'member-delete', args: () => ['member-delete', shared.tsglance, 'nobody'] },
  ]
  for (const { what, args } of unknownMember) {
    it(`${what} of an unknown member`, async () => {
      const pair = expectParity(await runBoth(args(), as('admin')), { code: 1, masked: false })
      expect(pair.tsglance.stderr).toBe(`HTTP 404 Not Found: nobody not found in the member list of the image ${shared.tsglance}.\n`)
    })
  }

  it('member-list of an unknown image', async () => {
    const pair = expectParity(await runBoth(['member-list', '--image-id', 'no-such-image'], as('admin')), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe('HTTP 404 Not Found: Image no-such-image not found.\n')
  })

  const emptyIds = [
    { command: 'member-create', args: () => ['', altProject], stderr: 'Unable to create member. Specify image_id and member_id\n' },
    { command: 'member-delete', args: () => [shared.tsglance, ''], stderr: 'Unable to delete member. Specify image_id and member_id\n' },
    { command: 'member-update', args: () => ['', altProject, 'accepted'], stderr: 'Unable to update member. Specify image_id, member_id and member_status\n' },
  ]
  for (const { command, args, stderr } of emptyIds) {
    it(`${command} with an empty id is refused before any request`, async () => {
      const pair = expectParity(await runBoth([command, ...args()], as('admin')), { code: 1, masked: false })
      expect(pair.tsglance.stderr).toBe(stderr)
    })
  }

  it("member-update with a status that is not a choice: exit 2 with argparse's reason", async () => {
    const pair = expectParity(await runBoth(['member-update', shared.tsglance, altProject, 'maybe'], as('admin')), { code: 2, masked: false, stderr: 'ignore' })
    const reason = "error: argument <MEMBER_STATUS>: invalid choice: 'maybe' (choose from 'accepted', 'rejected', 'pending')"
    expect(pair.glance.stderr.trimEnd().split('\n').at(-1)).toBe(`glance member-update: ${reason}`)
    expect(pair.tsglance.stderr).toBe(`tsglance member-update: ${reason}\nSee 'tsglance help member-update'.\n`)
  })

  const usage = [
    ['member-create', 'only-an-image'],
    ['member-get', 'only-an-image'],
    ['member-delete', 'only-an-image'],
    ['member-update', 'an-image', 'a-member'],
    ['member-list'],
    ['member-list', '--image-id'],
  ]
  for (const args of usage) {
    it(`usage error: ${args.join(' ')}`, async () => {
      expectParity(await runBoth(args, as('admin')), { code: 2, masked: false, stderr: 'ignore' })
    })
  }
})
