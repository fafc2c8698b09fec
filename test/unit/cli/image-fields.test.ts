import { describe, expect, it } from 'vitest'
import { imageFieldsFromFlags } from '../../../src/cli/image-fields.js'
import { Parser } from '@oclif/core'
import { booleanFlag, strictBoolFromString } from '../../../src/cli/python-compat.js'

describe('imageFieldsFromFlags', () => {
  it('maps flags to snake_case fields and merges properties', () => {
    expect(
      imageFieldsFromFlags({ 'disk-format': 'raw', protected: true, hidden: false, 'min-disk': 2, property: ['a=1', 'b=x=y'], tags: ['t'] }),
    ).toEqual({ disk_format: 'raw', protected: true, os_hidden: false, min_disk: 2, tags: ['t'], a: '1', b: 'x=y' })
  })
  it('refuses a property without =', () => {
    expect(() => imageFieldsFromFlags({ property: ['novalue'] })).toThrow("format KEY=VALUE, got 'novalue'")
  })
  it('refuses a property with an empty key (decisions/0010)', () => {
    expect(() => imageFieldsFromFlags({ property: ['=v'] })).toThrow("format KEY=VALUE, got '=v'")
    expect(() => imageFieldsFromFlags({ property: ['='] })).toThrow("format KEY=VALUE, got '='")
    expect(imageFieldsFromFlags({ property: ['k='] })).toEqual({ k: '' })
  })
})

describe('strict booleans', () => {
  it("takes oslo's spellings in any case, around whitespace", () => {
    expect(['1', 't', 'True', ' yes ', 'ON', 'y', 'YES', 'T'].map(strictBoolFromString)).toEqual(Array(8).fill(true))
    expect(['0', 'f', 'false', 'N', 'no', 'Off', '\tFALSE\n'].map(strictBoolFromString)).toEqual(Array(7).fill(false))
  })
  it('refuses anything else, naming the value and the spellings', () => {
    const accepted = "(acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes')"
    expect(() => strictBoolFromString('maybe')).toThrow(`invalid boolean value: 'maybe' ${accepted}`)
    for (const bad of ['', ' ', 'nope', 'truee', '2', 'None', "it's"]) expect(() => strictBoolFromString(bad), bad).toThrow('invalid boolean value')
    expect(() => strictBoolFromString("it's")).toThrow(`invalid boolean value: "it's"`)
  })
  it('a [True|False] flag parses to a boolean, or fails parsing with the option named', async () => {
    const flags = { protected: booleanFlag('p') }
    expect(flags.protected.helpValue).toBe('[True|False]')
    expect((await Parser.parse(['--protected', 'Off'], { flags })).flags.protected).toBe(false)
    expect((await Parser.parse(['--protected=YES'], { flags })).flags.protected).toBe(true)
    await expect(Parser.parse(['--protected', 'maybe'], { flags })).rejects.toThrow(/Parsing --protected[\s\S]*invalid boolean value: 'maybe'/)
  })
  it('checks an environment default the same way', async () => {
    const flags = { 'allow-failure': booleanFlag('a', { env: 'TSGLANCE_TEST_ALLOW_FAILURE' }) }
    process.env.TSGLANCE_TEST_ALLOW_FAILURE = 'no'
    try {
      expect((await Parser.parse([], { flags })).flags['allow-failure']).toBe(false)
      process.env.TSGLANCE_TEST_ALLOW_FAILURE = 'sometimes'
      await expect(Parser.parse([], { flags })).rejects.toThrow("invalid boolean value: 'sometimes'")
    } finally {
      delete process.env.TSGLANCE_TEST_ALLOW_FAILURE
    }
  })
})
