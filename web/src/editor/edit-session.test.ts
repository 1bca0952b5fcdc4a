import { describe, expect, test } from 'vitest'
import type { MultiPolygon } from 'geojson'
import type { BuildingFeature, SmallAreaFeature } from '../features.ts'
import { EditSession, isUnsaved, keyOf, type Edited, type EditorWrites, type SavedEvent, type WriteOutcome } from './edit-session.ts'
import { previewSmallAreaCode, withEdits } from './working-features.ts'

const DISTRICT = '370481001001'

const box = (x: number): MultiPolygon => ({
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [117 + x, 35],
        [117.01 + x, 35],
        [117.01 + x, 35.01],
        [117 + x, 35],
      ],
    ],
  ],
})

function smallArea(code: string, boundary: MultiPolygon, version = 1): Edited {
  const feature: SmallAreaFeature = {
    type: 'Feature',
    geometry: boundary,
    properties: {
      code,
      districtCode: DISTRICT,
      virtual: false,
      enumerator: null,
      status: 'drawn',
      households: 0,
      buildings: 0,
      version,
      updatedAt: '2026-11-29T00:00:00Z',
      updatedBy: '测试',
    },
  }
  return { kind: 'smallArea', feature }
}

/** An in-memory server with versions, like the API's: a write based on an old version is stale. */
class FakeServer implements EditorWrites {
  readonly rows = new Map<string, Edited>()
  writes = 0
  /** The codes of each write of several together, as one transaction. */
  readonly together: string[][] = []

  seed(edited: Edited): Edited {
    this.rows.set(edited.feature.properties.code, edited)
    return edited
  }

  /** Someone else saves a new boundary. */
  otherUserSaves(code: string, boundary: MultiPolygon): Edited {
    const row = this.rows.get(code)!
    return this.seed(smallArea(code, boundary, row.feature.properties.version + 1))
  }

  async create(edited: Edited): Promise<WriteOutcome> {
    this.writes += 1
    const taken = [...this.rows.keys()]
    const code = previewSmallAreaCode(DISTRICT, taken, new Map())!
    return { outcome: 'saved', feature: this.seed(smallArea(code, edited.feature.geometry as MultiPolygon)) }
  }

  async update(saved: Edited, working: Edited): Promise<WriteOutcome> {
    this.writes += 1
    const current = this.rows.get(saved.feature.properties.code)!
    if (current.feature.properties.version !== saved.feature.properties.version) return { outcome: 'stale', current }
    return {
      outcome: 'saved',
      feature: this.seed(smallArea(current.feature.properties.code, working.feature.geometry as MultiPolygon, current.feature.properties.version + 1)),
    }
  }

  async updateTogether(changes: ReadonlyArray<{ saved: Edited; working: Edited }>): Promise<WriteOutcome[]> {
    this.writes += 1
    this.together.push(changes.map((c) => c.saved.feature.properties.code))
    const stale = changes.find((c) => this.rows.get(c.saved.feature.properties.code)!.feature.properties.version !== c.saved.feature.properties.version)
    // All or none: one stale version refuses the lot.
    if (stale) {
      return changes.map((c) =>
        c === stale
          ? { outcome: 'stale', current: this.rows.get(c.saved.feature.properties.code)! }
          : { outcome: 'refused', message: { zh: '相邻小区已被他人修改', en: 'A neighbour was changed by someone else' }, problems: [] },
      )
    }
    const outcomes: WriteOutcome[] = []
    for (const { saved, working } of changes) outcomes.push(await this.update(saved, working))
    this.writes -= changes.length
    return outcomes
  }

  async remove(saved: Edited): Promise<WriteOutcome> {
    this.writes += 1
    const current = this.rows.get(saved.feature.properties.code)!
    if (current.feature.properties.version !== saved.feature.properties.version) return { outcome: 'stale', current }
    this.rows.delete(saved.feature.properties.code)
    return { outcome: 'saved', feature: null }
  }
}

const boundaryOf = (session: EditSession, key: string) => session.working(key)?.feature.geometry

describe('the edit session', () => {
  test('a drawn small area is unsaved until saved, then has the server code and version', async () => {
    const server = new FakeServer()
    server.seed(smallArea(`${DISTRICT}001`, box(0)))
    const session = new EditSession()
    const saved: SavedEvent[] = []
    session.onSaved((e) => saved.push(e))

    const key = session.create(smallArea(`${DISTRICT}002`, box(0.01), 0))
    expect(session.unsaved().map((e) => e.key)).toEqual([key])

    await session.save(server)
    expect(session.unsaved()).toEqual([])
    expect(session.working(key)?.feature.properties).toMatchObject({ code: `${DISTRICT}002`, version: 1 })
    expect(saved).toEqual([{ kind: 'smallArea', previousCode: null, feature: session.working(key) }])
  })

  test('undo and redo move through every edit, and undoing a saved creation leaves a deletion to save', async () => {
    const server = new FakeServer()
    const session = new EditSession()
    const key = session.create(smallArea(`${DISTRICT}001`, box(0), 0))
    await session.save(server)
    const saved = session.working(key)!
    session.change(saved, smallArea(`${DISTRICT}001`, box(0.5)), key)
    expect(boundaryOf(session, key)).toEqual(box(0.5))

    expect(session.undo()).toBe(true)
    expect(boundaryOf(session, key)).toEqual(box(0))
    expect(session.unsaved()).toEqual([])

    expect(session.undo()).toBe(true)
    expect(session.working(key)).toBeNull()
    expect(session.unsaved().map((e) => e.key)).toEqual([key])
    expect(session.undo()).toBe(false)

    expect(session.redo()).toBe(true)
    expect(session.redo()).toBe(true)
    expect(boundaryOf(session, key)).toEqual(box(0.5))
    expect(session.getState()).toMatchObject({ canUndo: true, canRedo: false })

    session.undo()
    session.undo()
    await session.save(server)
    expect(server.rows.size).toBe(0)
  })

  test('a stale save keeps both versions until the person chooses; keeping mine saves over theirs', async () => {
    const server = new FakeServer()
    const loaded = server.seed(smallArea(`${DISTRICT}001`, box(0)))
    const session = new EditSession()
    const key = session.change(loaded, smallArea(`${DISTRICT}001`, box(0.2)))
    server.otherUserSaves(`${DISTRICT}001`, box(0.3))

    await session.save(server)
    const [conflict] = session.conflicts()
    expect(conflict?.working?.feature.geometry).toEqual(box(0.2))
    expect(conflict?.conflict?.feature.geometry).toEqual(box(0.3))
    expect(conflict?.conflict?.feature.properties.version).toBe(2)

    session.keepMine(key)
    await session.save(server)
    expect(server.rows.get(`${DISTRICT}001`)?.feature).toMatchObject({ geometry: box(0.2), properties: { version: 3 } })
    expect(session.conflicts()).toEqual([])
    expect(session.unsaved()).toEqual([])
  })

  test('taking their version loses nothing: mine is one undo away', async () => {
    const server = new FakeServer()
    const loaded = server.seed(smallArea(`${DISTRICT}001`, box(0)))
    const session = new EditSession()
    const key = session.change(loaded, smallArea(`${DISTRICT}001`, box(0.2)))
    server.otherUserSaves(`${DISTRICT}001`, box(0.3))
    await session.save(server)

    session.takeTheirs(key)
    expect(boundaryOf(session, key)).toEqual(box(0.3))
    expect(isUnsaved(session.getState().entries.get(key)!)).toBe(false)
    session.undo()
    expect(boundaryOf(session, key)).toEqual(box(0.2))
  })

  test('a refused write stays unsaved with the server reason, and saving only sends what changed', async () => {
    const session = new EditSession()
    const refusing: EditorWrites = {
      create: async () => ({ outcome: 'refused', message: { zh: '边界自相交', en: 'The boundary crosses itself' }, problems: [] }),
      update: async () => {
        throw new Error('not called')
      },
      remove: async () => {
        throw new Error('not called')
      },
      updateTogether: async () => {
        throw new Error('not called')
      },
    }
    const key = session.create(smallArea(`${DISTRICT}001`, box(0), 0))
    await session.save(refusing)
    expect(session.getState().entries.get(key)?.refusal?.message.zh).toBe('边界自相交')
    expect(session.unsaved()).toHaveLength(1)

    const server = new FakeServer()
    await session.save(server)
    await session.save(server)
    expect(server.writes).toBe(1)
  })

  test('what a save clipped stays to be read until dismissed or edited again; refused overlaps stay with the refusal', async () => {
    const part = { code: `${DISTRICT}001`, reason: 'sibling' as const, areaM2: 1234.5, geometry: { type: 'Polygon' as const, coordinates: box(0.001).coordinates[0]! } }
    const clipping: EditorWrites = {
      create: async (edited) => ({ outcome: 'saved', feature: { ...edited, feature: { ...edited.feature, properties: { ...edited.feature.properties, version: 1 } } } as Edited, clipped: [part] }),
      update: async () => ({ outcome: 'refused', message: { zh: '边界与已有区域重叠', en: 'overlaps' }, problems: [], overlaps: [part] }),
      remove: async () => ({ outcome: 'saved', feature: null }),
      updateTogether: async () => {
        throw new Error('not called')
      },
    }
    const session = new EditSession()
    expect(session.getState().avoidOverlaps).toBe(true)
    const key = session.create(smallArea(`${DISTRICT}002`, box(0.01), 0))
    await session.save(clipping)
    expect(session.getState().entries.get(key)?.clipped).toEqual([part])
    session.dismissClipped()
    expect(session.getState().entries.get(key)?.clipped).toEqual([])

    session.setAvoidOverlaps(false)
    expect(session.getState().avoidOverlaps).toBe(false)
    session.change(session.working(key)!, smallArea(`${DISTRICT}002`, box(0.02), 1), key)
    await session.save(clipping)
    expect(session.getState().entries.get(key)?.refusal?.overlaps).toEqual([part])
    expect(session.unsaved()).toHaveLength(1)
    // Editing again clears the refusal and what it showed.
    session.undo()
    expect(session.getState().entries.get(key)?.refusal).toBeNull()
  })

  test('a repair on the server replaces the saved version, and the working one unless it has unsaved edits', async () => {
    const server = new FakeServer()
    const session = new EditSession()
    const one = session.create(smallArea(`${DISTRICT}001`, box(0), 0))
    const two = session.create(smallArea(`${DISTRICT}002`, box(1), 0))
    await session.save(server)
    session.change(session.working(two)!, smallArea(`${DISTRICT}002`, box(1.5), 1), two)

    session.serverChanged(smallArea(`${DISTRICT}001`, box(0.1), 2))
    session.serverChanged(smallArea(`${DISTRICT}002`, box(1.1), 2))
    session.serverChanged(smallArea(`${DISTRICT}009`, box(9), 2))
    expect(session.working(one)?.feature).toMatchObject({ geometry: box(0.1), properties: { version: 2 } })
    expect(session.unsaved().map((e) => e.key)).toEqual([two])
    expect(boundaryOf(session, two)).toEqual(box(1.5))
    expect(session.getState().entries.get(two)?.saved?.feature.properties.version).toBe(2)
    expect(session.getState().entries.size).toBe(2)
  })

  test('neighbours a save changed on the server (they took its vertices) take their new versions, and are announced as saved', async () => {
    const server = new FakeServer()
    const session = new EditSession()
    const one = session.create(smallArea(`${DISTRICT}001`, box(0), 0))
    await session.save(server)
    const neighbour = smallArea(`${DISTRICT}001`, box(0.2), 2)
    const sharing: EditorWrites = {
      create: async (edited) => ({ ...(await server.create(edited)), neighbours: [neighbour] }),
      update: (saved, working) => server.update(saved, working),
      remove: (saved) => server.remove(saved),
      updateTogether: (changes) => server.updateTogether(changes),
    }
    const saved: SavedEvent[] = []
    session.onSaved((e) => saved.push(e))
    session.create(smallArea(`${DISTRICT}002`, box(1), 0))
    await session.save(sharing)
    expect(session.working(one)?.feature).toMatchObject({ geometry: box(0.2), properties: { version: 2 } })
    expect(session.unsaved()).toEqual([])
    expect(saved.map((e) => [e.previousCode, e.feature?.feature.properties.version])).toEqual([
      [null, 1],
      [`${DISTRICT}001`, 2],
    ])
  })

  test('the map shows working versions over the loaded ones, and new codes preview the next free one', async () => {
    const loaded = [smallArea(`${DISTRICT}001`, box(0)), smallArea(`${DISTRICT}003`, box(1))]
    const collection = { type: 'FeatureCollection' as const, features: loaded.map((e) => e.feature as SmallAreaFeature) }
    const session = new EditSession()
    session.change(loaded[0]!, null)
    session.change(loaded[1]!, smallArea(`${DISTRICT}003`, box(2)))
    const preview = previewSmallAreaCode(DISTRICT, ['001', '003'].map((s) => DISTRICT + s), session.getState().entries)
    // 001 is deleted but not saved yet, so it is still taken.
    expect(preview).toBe(`${DISTRICT}002`)
    session.create(smallArea(preview!, box(3), 0))

    const shown = withEdits('smallArea', collection, session.getState().entries)
    expect(shown.features.map((f) => [f.properties.code, f.geometry])).toEqual([
      [`${DISTRICT}003`, box(2)],
      [`${DISTRICT}002`, box(3)],
    ])
    expect(previewSmallAreaCode(DISTRICT, [], session.getState().entries)).toBe(`${DISTRICT}004`)
    expect(previewSmallAreaCode(DISTRICT, [], session.getState().entries, true)).toBe(`${DISTRICT}900`)
    expect(keyOf('smallArea', `${DISTRICT}003`)).toBe(`smallArea:${DISTRICT}003`)
  })

  test('a vertex edit on a shared edge moves the neighbour too: one undo step, saved in one write', async () => {
    const server = new FakeServer()
    const a = server.seed(smallArea(`${DISTRICT}001`, box(0)))
    const b = server.seed(smallArea(`${DISTRICT}002`, box(0.01)))
    const c = server.seed(smallArea(`${DISTRICT}003`, box(0.02)))
    const session = new EditSession()
    expect(session.getState().moveSharedEdges).toBe(true)

    session.editSharedEdge({ loaded: a, next: smallArea(`${DISTRICT}001`, box(0.1)) }, [{ loaded: b, next: smallArea(`${DISTRICT}002`, box(0.11)) }])
    expect(session.getState().sharedWith).toEqual([`${DISTRICT}002`])
    expect(session.unsaved().map((e) => e.key)).toEqual([keyOf('smallArea', `${DISTRICT}001`), keyOf('smallArea', `${DISTRICT}002`)])
    session.undo()
    expect(session.unsaved()).toEqual([])
    expect(session.getState().sharedWith).toEqual([])
    // Redone, it is the last step again: the warning, and the choice, are back.
    session.redo()
    expect(session.unsaved()).toHaveLength(2)
    expect(session.getState().sharedWith).toEqual([`${DISTRICT}002`])

    // An edit of a third one on its own is saved on its own.
    session.change(c, smallArea(`${DISTRICT}003`, box(0.3)))
    await session.save(server)
    expect(server.together).toEqual([[`${DISTRICT}001`, `${DISTRICT}002`]])
    expect(server.writes).toBe(2)
    expect([...server.rows.values()].map((r) => r.feature.properties.version)).toEqual([2, 2, 2])
    expect(session.unsaved()).toEqual([])
  })

  test('choosing to move only the small area in hand turns the last shared edit into its own, and back', () => {
    const a = smallArea(`${DISTRICT}001`, box(0))
    const b = smallArea(`${DISTRICT}002`, box(0.01))
    const session = new EditSession()
    session.editSharedEdge({ loaded: a, next: smallArea(`${DISTRICT}001`, box(0.1)) }, [{ loaded: b, next: smallArea(`${DISTRICT}002`, box(0.11)) }])

    session.chooseSharedEdges(false)
    expect(session.getState().moveSharedEdges).toBe(false)
    expect(session.unsaved().map((e) => e.key)).toEqual([keyOf('smallArea', `${DISTRICT}001`)])
    expect(boundaryOf(session, keyOf('smallArea', `${DISTRICT}002`))).toEqual(box(0.01))
    // Still one step: undo goes back to before the edit.
    session.undo()
    expect(session.unsaved()).toEqual([])
    expect(session.getState().canUndo).toBe(false)
    session.redo()
    expect(session.getState()).toMatchObject({ moveSharedEdges: false, sharedWith: [`${DISTRICT}002`] })

    // The next shared edit follows the choice, and can be switched back.
    session.editSharedEdge({ loaded: a, next: smallArea(`${DISTRICT}001`, box(0.2)) }, [{ loaded: b, next: smallArea(`${DISTRICT}002`, box(0.21)) }])
    expect(boundaryOf(session, keyOf('smallArea', `${DISTRICT}002`))).toEqual(box(0.01))
    session.chooseSharedEdges(true)
    expect(boundaryOf(session, keyOf('smallArea', `${DISTRICT}002`))).toEqual(box(0.21))
    session.undo()
    expect(boundaryOf(session, keyOf('smallArea', `${DISTRICT}001`))).toEqual(box(0.1))
    expect(boundaryOf(session, keyOf('smallArea', `${DISTRICT}002`))).toEqual(box(0.01))

    // Taking up a tool again starts from moving together.
    session.setTool('editSmallArea', DISTRICT, keyOf('smallArea', `${DISTRICT}001`))
    expect(session.getState()).toMatchObject({ moveSharedEdges: true, sharedWith: [] })
  })

  test('a joint edit is saved all or none: a stale neighbour holds both, and both go once it is resolved', async () => {
    const server = new FakeServer()
    const a = server.seed(smallArea(`${DISTRICT}001`, box(0)))
    const b = server.seed(smallArea(`${DISTRICT}002`, box(0.01)))
    const session = new EditSession()
    session.editSharedEdge({ loaded: a, next: smallArea(`${DISTRICT}001`, box(0.1)) }, [{ loaded: b, next: smallArea(`${DISTRICT}002`, box(0.11)) }])
    server.otherUserSaves(`${DISTRICT}002`, box(0.5))

    await session.save(server)
    expect(server.rows.get(`${DISTRICT}001`)?.feature.properties.version).toBe(1)
    expect(session.conflicts().map((e) => e.key)).toEqual([keyOf('smallArea', `${DISTRICT}002`)])
    expect(session.getState().entries.get(keyOf('smallArea', `${DISTRICT}001`))?.refusal?.message.zh).toBe('相邻小区已被他人修改')
    // The half that is not in conflict waits for the other.
    await session.save(server)
    expect(server.writes).toBe(1)

    session.keepMine(keyOf('smallArea', `${DISTRICT}002`))
    await session.save(server)
    expect(server.together).toHaveLength(2)
    expect(server.rows.get(`${DISTRICT}001`)?.feature).toMatchObject({ geometry: box(0.1), properties: { version: 2 } })
    expect(server.rows.get(`${DISTRICT}002`)?.feature).toMatchObject({ geometry: box(0.11), properties: { version: 3 } })
    expect(session.unsaved()).toEqual([])
  })

  test('the building form is of a new building or of a saved one, never both; a saved one keeps its outline until traced again', () => {
    const session = new EditSession()
    const opened = building({ households: 6 })
    session.setTool('tagBuildings', DISTRICT)
    session.place({ type: 'Point', coordinates: [117.16, 35.08] })
    session.amend({ key: keyOf('building', opened.properties.code), opened })
    expect(session.getState()).toMatchObject({ placing: null, footprint: 'kept', tracing: false })

    // While another outline is traced, the form still has the one it had.
    session.startTracing()
    expect(session.getState()).toMatchObject({ footprint: 'kept', tracing: true })
    const traced = { type: 'Polygon' as const, coordinates: [[[117.16, 35.08], [117.1601, 35.08], [117.1601, 35.0801], [117.16, 35.08]]] }
    session.traceFootprint(traced)
    expect(session.getState()).toMatchObject({ footprint: traced, tracing: false })

    session.place({ type: 'Point', coordinates: [117.17, 35.08] })
    expect(session.getState()).toMatchObject({ amending: null, footprint: null })
    session.amend({ key: keyOf('building', opened.properties.code), opened })
    session.setTool('browse')
    expect(session.getState()).toMatchObject({ placing: null, amending: null, footprint: null })
  })

  test("an edit of a saved building's count or outline is one undo step, unsaved until saved", () => {
    const session = new EditSession()
    const opened = building({ households: 6 })
    const loaded: Edited = { kind: 'building', feature: opened }
    const outline = box(0.0001)
    const key = session.change(loaded, { kind: 'building', feature: building({ households: 5, footprint: outline }) })
    expect(session.unsaved().map((e) => e.key)).toEqual([key])
    session.undo()
    expect(session.working(key)?.feature.properties).toMatchObject({ households: 6, footprint: null })
    expect(session.unsaved()).toEqual([])
    // The outline alone is a change too.
    session.change(loaded, { kind: 'building', feature: building({ households: 6, footprint: outline }) })
    expect(session.unsaved().map((e) => e.key)).toEqual([key])
  })
})

function building(properties: Partial<BuildingFeature['properties']>): BuildingFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [117.005, 35.002] },
    properties: {
      code: `${DISTRICT}000007`,
      districtCode: DISTRICT,
      smallAreaCode: null,
      use: 'residential',
      floors: 1,
      households: 1,
      address: '',
      note: '',
      footprint: null,
      version: 2,
      updatedAt: '2026-11-29T00:00:00Z',
      updatedBy: '测试',
      ...properties,
    },
  }
}
