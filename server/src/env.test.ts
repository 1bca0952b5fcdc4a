import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readEnv } from './env.ts'

describe('readEnv', () => {
  it('takes a base-map template with {z}, {x} and {y}', () => {
    expect(readEnv({ BASEMAP_URL: 'https://tiles.example.cn/{z}/{x}/{y}.png' }).BASEMAP_URL).toBe('https://tiles.example.cn/{z}/{x}/{y}.png')
  })

  it('stops at start with the shared words when the base-map template lacks a placeholder', () => {
    expect(() => readEnv({ BASEMAP_URL: 'https://tiles.example.cn/{z}/{x}.png' })).toThrow(/BASEMAP_URL: 瓦片地址模板缺少 \{y\}.*lacks \{y\}/)
  })

  it('takes a folder of base-map tiles by its full path, rows counted from the north unless it says tms', () => {
    const folder = mkdtempSync(join(tmpdir(), 'census-env-'))
    try {
      const env = readEnv({ BASEMAP_DIR: join(folder, '.') })
      expect(env.BASEMAP_DIR).toBe(folder)
      expect(env.BASEMAP_DIR_SCHEME).toBe('xyz')
      expect(readEnv({ BASEMAP_DIR: folder, BASEMAP_DIR_SCHEME: 'tms' }).BASEMAP_DIR_SCHEME).toBe('tms')
      expect(() => readEnv({ BASEMAP_DIR: folder, BASEMAP_DIR_SCHEME: 'google' })).toThrow(/BASEMAP_DIR_SCHEME: 瓦片行号的计数方式应为 xyz.* \/ must be xyz/)
      expect(() => readEnv({ BASEMAP_DIR: folder, BASEMAP_URL: 'https://tiles.example.cn/{z}/{x}/{y}.png' })).toThrow(
        /BASEMAP_DIR: 底图只能有一个：请只设置 BASEMAP_URL 或 BASEMAP_DIR 之一 \/ One base map only/,
      )
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  it('stops at start when the folder of base-map tiles is not there', () => {
    expect(() => readEnv({ BASEMAP_DIR: '/no/such/tiles' })).toThrow(/BASEMAP_DIR: 底图瓦片文件夹不存在或不是文件夹 \/ No such folder of base-map tiles: \/no\/such\/tiles/)
  })
})
