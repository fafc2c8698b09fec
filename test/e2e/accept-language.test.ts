/**
 * `--os-accept-language` / OS_ACCEPT_LANGUAGE on the real stack: the header
 * goes out with every request to Glance (the --debug log shows each request
 * as sent) and never to Keystone. What Glance does with it here: nothing
 * visible. This stack's Glance has no translation catalogs installed (no
 * glance .mo files), so its messages stay English; the test pins that, so a
 * stack that starts localising shows up here.
 */
import { describe, expect, it } from 'vitest'
import { tsglance } from './support/run.js'
import { glanceUrl, openrc, requireStack } from './support/stack.js'

requireStack()

const MISSING = '00000000-0000-0000-0000-0000000000ff'
const requestLines = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('REQ: curl'))

describe('Accept-Language', () => {
  it('is sent with every Glance request, not to Keystone; the flag wins over the environment', async () => {
    const env = { ...openrc('demo'), OS_ACCEPT_LANGUAGE: 'fr', TSGLANCE_NO_TOKEN_CACHE: '1' }
    const res = await tsglance(['--debug', '--os-accept-language', 'de, en;q=0.5', 'image-list'], { env })
    expect(res.code, res.stderr).toBe(0)
    const lines = requestLines(res.stderr)
    const toGlance = lines.filter((line) => line.includes(` ${glanceUrl()}/`))
    const toKeystone = lines.filter((line) => line.includes('/v3/auth/tokens'))
    expect(toGlance.length).toBeGreaterThan(0)
    expect(toKeystone.length).toBe(1)
    for (const line of toGlance) expect(line).toContain('-H "Accept-Language: de, en;q=0.5"')
    expect(toKeystone[0]).not.toContain('Accept-Language')
  })

  it('comes from OS_ACCEPT_LANGUAGE; Glance’s error is the same (English) with and without it', async () => {
    const env = openrc('demo')
    const plain = await tsglance(['image-show', MISSING], { env })
    const german = await tsglance(['--debug', 'image-show', MISSING], { env: { ...env, OS_ACCEPT_LANGUAGE: 'de' } })
    expect(requestLines(german.stderr).filter((line) => line.includes(` ${glanceUrl()}/`)).every((line) => line.includes('-H "Accept-Language: de"'))).toBe(true)
    expect([plain.code, german.code]).toEqual([1, 1])
    const lastLine = (text: string) => text.trimEnd().split('\n').at(-1)
    // Glance's own words (the part a Glance with translations would localise).
    expect(lastLine(plain.stderr)).toBe(`HTTP 404 Not Found: No image found with ID ${MISSING}`)
    expect(lastLine(german.stderr)).toBe(lastLine(plain.stderr))
  })
})
