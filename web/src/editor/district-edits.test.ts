/**
 * District boundaries in the edit session: drawn, edited and removed like a small area's shape, but
 * always as an update of a district on the official list, never a creation or a deletion. And the
 * code a virtual small area will get, shown before it is saved.
 */
import { describe, expect, test } from 'vitest'
import type { MultiPolygon } from 'geojson'
import type { DistrictFeature } from '../features.ts'
import { EditSession, isUnsaved, keyOf, type Edited, type EditorWrites, type SavedEvent, type WriteOutcome } from './edit-session.ts'
import { previewSmallAreaCode, withEdits } from './working-features.ts'

const CODE = '370481001001'

const square = (x: number): MultiPolygon => ({
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [117 + x, 35],
        [117.01 + x, 35],
        [117.01 + x, 35.01],
        [117 + x, 35.01],
        [117 + x, 35],
      ],
    ],
  ],
})

function district(boundary: MultiPolygon | null, version = 1, updatedBy = '王芳'): { kind: 'district'; feature: DistrictFeature } {
  return {
    kind: 'district',
    feature: {
      type: 'Feature',
      geometry: boundary,
      properties: {
        code: CODE,
        name: '荆河村委会',
        townshipCode: CODE.slice(0, 9),
        urbanRuralCode: '220',
        status: boundary ? 'drawn' : 'not_started',
        smallAreas: 0,
        version,
        updatedAt: '2026-11-29T00:00:00Z',
        updatedBy,
      },
    },
  }
}

/** The districts of the API: only ever updated, with versions; a write based on an old one is stale. */
class DistrictServer implements EditorWrites {
  row = district(null)
  readonly sent: Array<MultiPolygon | null> = []

  async update(saved: Edited, working: Edited): Promise<WriteOutcome> {
    if (saved.feature.properties.version !== this.row.feature.properties.version) return { outcome: 'stale', current: this.row }
    this.sent.push(working.feature.geometry as MultiPolygon | null)
    this.row = district(working.feature.geometry as MultiPolygon | null, this.row.feature.properties.version + 1)
    return { outcome: 'saved', feature: this.row, clipped: [] }
  }

  create(): Promise<WriteOutcome> {
    throw new Error('a district is never created')
  }

  remove(): Promise<WriteOutcome> {
    throw new Error('a district is never deleted')
  }

  updateTogether(): Promise<WriteOutcome[]> {
    throw new Error('districts are saved one by one')
  }
}

describe('district boundaries in the edit session', () => {
  test('drawing an undrawn district is one undoable change, saved as an update of the listed district', async () => {
    const server = new DistrictServer()
    const session = new EditSession()
    const events: SavedEvent[] = []
    session.onSaved((e) => events.push(e))
    const key = session.change(server.row, district(square(0)))
    expect(key).toBe(keyOf('district', CODE))
    expect(session.unsaved().map((e) => e.key)).toEqual([key])

    session.undo()
    expect(session.working(key)?.feature.geometry).toBeNull()
    expect(session.unsaved()).toEqual([])
    session.redo()

    await session.save(server)
    expect(server.sent).toEqual([square(0)])
    expect(session.unsaved()).toEqual([])
    expect(session.working(key)?.feature.properties).toMatchObject({ status: 'drawn', version: 2 })
    expect(events).toEqual([{ kind: 'district', previousCode: CODE, feature: server.row }])
  })

  test('a vertex edit and a removal are sent as updates too; undoing the removal leaves nothing to save', async () => {
    const server = new DistrictServer()
    server.row = district(square(0), 2)
    const session = new EditSession()
    const key = session.change(server.row, district(square(0.001), 2))
    await session.save(server)
    session.change(server.row, district(null, 3), key)
    expect(isUnsaved(session.getState().entries.get(key)!)).toBe(true)
    session.undo()
    expect(session.unsaved()).toEqual([])
    session.redo()
    await session.save(server)
    expect(server.sent).toEqual([square(0.001), null])
    expect(server.row.feature.properties).toMatchObject({ status: 'not_started', version: 4 })
  })

  test('a refused removal stays unsaved with the server’s reason, and can be undone', async () => {
    class HoldsSmallAreas extends DistrictServer {
      override async update(): Promise<WriteOutcome> {
        return {
          outcome: 'refused',
          message: { zh: '普查区“370481001001”内还有 2 个普查小区，请先删除或合并它们再删除边界', en: 'The district still holds 2 small areas' },
          problems: [],
        }
      }
    }
    const refusing = new HoldsSmallAreas()
    const session = new EditSession()
    const key = session.change(district(square(0), 2), district(null, 2))
    await session.save(refusing)
    expect(session.getState().entries.get(key)?.refusal?.message.zh).toContain('还有 2 个普查小区')
    session.undo()
    expect(session.unsaved()).toEqual([])
    expect(session.getState().entries.get(key)?.refusal).toBeNull()
  })

  test('someone else’s newer boundary is a conflict showing theirs; keeping mine saves it over theirs', async () => {
    const server = new DistrictServer()
    const session = new EditSession()
    const key = session.change(server.row, district(square(0)))
    server.row = district(square(0.005), 2, '李明')
    await session.save(server)
    expect(session.conflicts().map((e) => e.conflict?.feature.properties.updatedBy)).toEqual(['李明'])
    session.keepMine(key)
    await session.save(server)
    expect(server.row.feature.geometry).toEqual(square(0))
    expect(server.row.feature.properties.version).toBe(3)
  })

  test('the districts shown are the loaded ones with the working boundaries laid over them', () => {
    const session = new EditSession()
    session.change(district(null), district(square(0)))
    const loaded = { type: 'FeatureCollection' as const, features: [district(null).feature, { ...district(null).feature, properties: { ...district(null).feature.properties, code: '370481001002' } }] }
    const shown = withEdits('district', loaded, session.getState().entries)
    expect(shown.features.map((f) => [f.properties.code, f.geometry !== null])).toEqual([
      ['370481001002', false],
      [CODE, true],
    ])
  })

  test('the tool that edits a district’s vertices names it, like the one for small areas', () => {
    const session = new EditSession()
    session.setTool('editDistrict', CODE, keyOf('district', CODE))
    expect(session.getState()).toMatchObject({ tool: 'editDistrict', editing: keyOf('district', CODE) })
    session.setTool('drawDistrict', CODE, 'ignored')
    expect(session.getState().editing).toBeNull()
  })
})

describe('virtual small areas', () => {
  test('the code shown before saving is the next free one from 900, apart from the ordinary ones', () => {
    const session = new EditSession()
    expect(session.getState().virtual).toBe(false)
    session.chooseVirtual(true)
    expect(session.getState().virtual).toBe(true)
    const loaded = [`${CODE}001`, `${CODE}002`, `${CODE}900`]
    expect(previewSmallAreaCode(CODE, loaded, session.getState().entries, true)).toBe(`${CODE}901`)
    expect(previewSmallAreaCode(CODE, loaded, session.getState().entries, false)).toBe(`${CODE}003`)
  })
})
