import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { redactHeaders } from '../../../src/sdk/transport/redact.js'

const digest = (value: string) => `{SHA256}${createHash('sha256').update(value).digest('hex')}`

describe('redactHeaders', () => {
  it('shows credentials, in any letter case, only as their digest', () => {
    const headers = {
      'X-Auth-Token': 'gAAAAAtoken',
      'x-subject-token': 'gAAAAAsubject',
      'Openstack-Auth-Receipt': 'gAAAAAreceipt',
      Authorization: 'Bearer abc',
      'Content-Type': 'application/json',
    }
    expect(redactHeaders(headers)).toEqual({
      'X-Auth-Token': digest('gAAAAAtoken'),
      'x-subject-token': digest('gAAAAAsubject'),
      'Openstack-Auth-Receipt': digest('gAAAAAreceipt'),
      Authorization: digest('Bearer abc'),
      'Content-Type': 'application/json',
    })
  })
})
