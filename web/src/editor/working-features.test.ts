/** Which version of a selected feature the side panel shows: the one being edited while it is not saved. */
import { describe, expect, test } from 'vitest'
import type { MultiPolygon } from 'geojson'
import type { SmallAreaFeature } from '../features.ts'
import { EditSession, type Edited, type EditorWrites, type WriteOutcome } from './edit-session.ts'
import { unsavedVersionOf } from './working-features.ts'

const CODE = '370481001001001'

const box = (size: number): MultiPolygon => ({
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [117, 35],
        [117 + size, 35],
        [117 + size, 35 + size],
        [117, 35],
      ],
    ],
  ],
})

function smallArea(code: string, boundary: MultiPolygon, version = 1): { kind: 'smallArea'; feature: SmallAreaFeature } {
  return {
    kind: 'smallArea',
    feature: {
      type: 'Feature',
      geometry: boundary,
      properties: { code, districtCode: code.slice(0, 12), virtual: false, enumerator: null, status: 'drawn', households: 40, buildings: 12, version, updatedAt: '2026-11-29T00:00:00Z', updatedBy: '王芳' },
    },
  }
}

/** Saves whatever it is sent, one version up. */
const server: EditorWrites = {
  create: async (edited) => ({ outcome: 'saved', feature: edited }),
  update: async (saved, working): Promise<WriteOutcome> => ({
    outcome: 'saved',
    feature: smallArea(saved.feature.properties.code, working.feature.geometry as MultiPolygon, saved.feature.properties.version + 1),
  }),
  remove: async () => ({ outcome: 'saved', feature: null }),
  updateTogether: async () => [],
}

const ref = { kind: 'smallArea', code: CODE } as const

describe('unsavedVersionOf', () => {
  test('a reshaped small area is shown as being edited, beside its saved version, until it is saved', async () => {
    const session = new EditSession()
    const loaded = smallArea(CODE, box(0.01))
    expect(unsavedVersionOf(ref, session.getState().entries)).toBeNull()

    session.change(loaded, smallArea(CODE, box(0.02)))
    const versions = unsavedVersionOf(ref, session.getState().entries)
    expect(versions?.working.feature.geometry).toEqual(box(0.02))
    expect(versions?.saved).toBe(loaded)

    await session.save(server)
    expect(unsavedVersionOf(ref, session.getState().entries)).toBeNull()
  })

  test('an edit undone is the saved version again', () => {
    const session = new EditSession()
    session.change(smallArea(CODE, box(0.01)), smallArea(CODE, box(0.02)))
    session.undo()
    expect(unsavedVersionOf(ref, session.getState().entries)).toBeNull()
  })

  test('a small area drawn but not saved has no saved version; another kind with the same code is not it', () => {
    const session = new EditSession()
    const drawn: Edited = smallArea(CODE, box(0.01), 0)
    session.create(drawn)
    expect(unsavedVersionOf(ref, session.getState().entries)).toEqual({ working: drawn, saved: null })
    expect(unsavedVersionOf({ kind: 'building', code: CODE }, session.getState().entries)).toBeNull()
  })

  test('a deletion not saved yet has nothing to show', () => {
    const session = new EditSession()
    session.change(smallArea(CODE, box(0.01)), null)
    expect(unsavedVersionOf(ref, session.getState().entries)).toBeNull()
  })
})
