import { describe, expect, expectTypeOf, it } from 'vitest'
import { customProperties, type AuthOptions, type Image, type ImageCore } from '../../../src/sdk/index.js'

// Type-level checks: `npm run typecheck` (CI) compiles this file, and an
// unused @ts-expect-error is itself an error, so each fails if the typing loosens.
const image = {
  id: 'i1',
  name: 'cirros',
  status: 'active',
  visibility: 'private',
  protected: false,
  os_hidden: false,
  owner: 'p1',
  checksum: null,
  os_hash_algo: null,
  os_hash_value: null,
  size: 10,
  virtual_size: null,
  min_disk: 0,
  min_ram: 0,
  disk_format: 'qcow2',
  container_format: 'bare',
  created_at: '2024-01-01T00:00:00Z',
  updated_at: '2024-01-01T00:00:00Z',
  tags: [],
  self: '/v2/images/i1',
  file: '/v2/images/i1/file',
  schema: '/v2/schemas/image',
  os_distro: 'debian',
  hw_disk_bus: 'scsi',
} satisfies ImageCore & Record<string, unknown>

describe('Image typing', () => {
  it('rejects a misspelt field at compile time', () => {
    const typed: Image = image
    // @ts-expect-error `nmae` is not an image field
    expect(typed.nmae).toBeUndefined()
    // @ts-expect-error a custom property is not reachable without naming it
    expect(typed.os_distro).toBe('debian')
  })

  it('types the custom properties the caller names, and keeps the core ones', () => {
    const typed: Image<{ os_distro?: string }> = image
    expectTypeOf(typed.os_distro).toEqualTypeOf<string | undefined>()
    expectTypeOf(typed.status).toEqualTypeOf<'queued' | 'saving' | 'uploading' | 'importing' | 'active' | 'deactivated' | 'killed' | 'deleted' | 'pending_delete'>()
    expect(typed.os_distro).toBe('debian')
  })

  it('customProperties returns every field that is not a core one', () => {
    expect(customProperties(image)).toEqual({ os_distro: 'debian', hw_disk_bus: 'scsi' })
  })
})

describe('AuthOptions typing', () => {
  it('asks for what the auth type needs, and nothing of another type', () => {
    const authUrl = 'http://keystone.test:5000/v3'
    const valid: AuthOptions[] = [
      { authUrl, username: 'u', password: 'p', userDomainName: 'Default', projectName: 'p', projectDomainName: 'Default' },
      { authType: 'v3applicationcredential', authUrl, applicationCredentialId: 'id', applicationCredentialSecret: 's' },
      { authType: 'v3oidcclientcredentials', authUrl, identityProvider: 'idp', protocol: 'openid', clientId: 'c', clientSecret: 's' },
      { token: 't' },
      { authType: 'none' },
    ]
    // @ts-expect-error a password auth without the password
    const noPassword: AuthOptions = { authUrl, username: 'u', projectName: 'p' }
    // @ts-expect-error `token` is not an application credential field
    const mixed: AuthOptions = { authType: 'v3applicationcredential', authUrl, applicationCredentialSecret: 's', token: 't' }
    // @ts-expect-error a misspelt field
    const typo: AuthOptions = { authUrl, username: 'u', password: 'p', projectNmae: 'p' }
    // @ts-expect-error a password without a user (name or id)
    const noUser: AuthOptions = { authUrl, password: 'p', projectName: 'p' }
    // @ts-expect-error a token and a password, with no authType to say which
    const ambiguous: AuthOptions = { authUrl, token: 't', password: 'p' }
    // @ts-expect-error an application credential named without its user
    const nameWithoutUser: AuthOptions = { authType: 'v3applicationcredential', authUrl, applicationCredentialName: 'n', applicationCredentialSecret: 's' }
    const byName: AuthOptions = { authType: 'v3applicationcredential', authUrl, applicationCredentialName: 'n', applicationCredentialSecret: 's', userId: 'u1' }
    expect([...valid, noPassword, mixed, typo, noUser, ambiguous, nameWithoutUser, byName]).toHaveLength(12)
  })
})
