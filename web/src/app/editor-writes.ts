/**
 * The edit session's writes over HTTP: each save becomes one POST, PATCH or DELETE (small areas
 * changed together, one POST of their boundaries), sent as the person named in the header, and
 * every answer becomes a value the session understands.
 */
import type { Point } from 'geojson'
import { levelOfCode, type ClippedPart, type SaveTopology } from '@census/shared'
import { ApiError, featurePath, sendJson } from '../api/census-api.ts'
import type { BuildingFeature, DistrictFeature, SmallAreaFeature } from '../features.ts'
import type { Edited, EditorWrites, WriteOutcome } from '../editor/edit-session.ts'
import { buildingChangeOf } from '../editor/building-form.ts'
import { messageOf } from './load-city.ts'

function codeOf(edited: Edited): string {
  return edited.feature.properties.code
}

/** A save refused for its overlaps (clipping off) names the parts in `current.clipped`. */
function overlapsOf(error: ApiError): ClippedPart[] {
  const current = error.body?.error.code === 'conflict' ? (error.body.error.current as { clipped?: ClippedPart[] } | undefined) : undefined
  return Array.isArray(current?.clipped) ? current.clipped : []
}

function outcomeOfError(error: unknown, kind: Edited['kind']): WriteOutcome {
  if (error instanceof ApiError && error.body?.error.code === 'stale_version' && error.body.error.current) {
    return { outcome: 'stale', current: { kind, feature: error.body.error.current } as Edited }
  }
  if (!(error instanceof ApiError)) return { outcome: 'refused', message: messageOf(error), problems: [] }
  return { outcome: 'refused', message: messageOf(error), problems: error.body?.error.problems ?? [], overlaps: overlapsOf(error) }
}

/** A saved small area or district boundary comes back with what clipping cut off; the feature itself is kept without it. */
type Saved<F> = F & { topology?: SaveTopology }

/** The districts and small areas that took a saved boundary's vertices on their edges, as the session keeps them. */
function neighboursOf(topology: SaveTopology | undefined): Edited[] {
  return (topology?.neighbours ?? []).map((feature) => ({ kind: levelOfCode(feature.properties.code), feature }) as Edited)
}

function buildingFields(b: BuildingFeature) {
  const { use, floors, households, address, note } = b.properties
  return { location: b.geometry satisfies Point, use, floors, households, address, note }
}

/**
 * `author` names who saves; `avoidOverlaps` says whether boundaries are clipped where they overlap
 * (the server's default) or refused with the overlaps.
 */
export function apiWrites(author: () => string, avoidOverlaps: () => boolean): EditorWrites {
  const attempt = async (kind: Edited['kind'], write: () => Promise<Edited['feature'] | null>): Promise<WriteOutcome> => {
    try {
      const answer = await write()
      if (!answer) return { outcome: 'saved', feature: null }
      const { topology, ...feature } = answer as Saved<Edited['feature']>
      return { outcome: 'saved', feature: { kind, feature } as Edited, clipped: topology?.clipped ?? [], neighbours: neighboursOf(topology) }
    } catch (error) {
      return outcomeOfError(error, kind)
    }
  }
  const boundaryPath = (kind: 'district' | 'smallArea', code?: string) => `${featurePath(kind, code)}${avoidOverlaps() ? '' : '?overlaps=refuse'}`
  return {
    create: (edited) => {
      switch (edited.kind) {
        case 'smallArea':
          return attempt(edited.kind, () =>
            sendJson<Saved<SmallAreaFeature>>('POST', boundaryPath('smallArea'), author(), {
              districtCode: edited.feature.properties.districtCode,
              virtual: edited.feature.properties.virtual,
              boundary: edited.feature.geometry,
            }),
          )
        case 'building':
          return attempt(edited.kind, () =>
            sendJson<BuildingFeature>('POST', featurePath('building'), author(), {
              districtCode: edited.feature.properties.districtCode,
              ...buildingFields(edited.feature),
              // Traced when it is placed; afterwards the server moves it along with the building.
              ...(edited.feature.properties.footprint ? { footprint: edited.feature.properties.footprint } : {}),
            }),
          )
        case 'district':
          throw new Error('districts are on the official list: drawing one updates it, nothing creates one')
        default: {
          const never: never = edited
          throw new Error(`unknown kind ${JSON.stringify(never)}`)
        }
      }
    },
    update: (saved, working) =>
      attempt(working.kind, () => {
        const version = saved.feature.properties.version
        switch (working.kind) {
          case 'district':
            // Removing a boundary has a path of its own: the district itself stays on the list.
            return working.feature.geometry
              ? sendJson<Saved<DistrictFeature>>('PATCH', boundaryPath('district', codeOf(saved)), author(), { version, boundary: working.feature.geometry })
              : sendJson<DistrictFeature>('DELETE', `${featurePath('district', codeOf(saved))}/boundary?version=${version}`, author())
          case 'smallArea':
            return sendJson<Saved<SmallAreaFeature>>('PATCH', boundaryPath('smallArea', codeOf(saved)), author(), { version, boundary: working.feature.geometry })
          case 'building':
            // Only what changed: an outline left out moves along with a dragged building.
            return sendJson<BuildingFeature>('PATCH', featurePath('building', codeOf(saved)), author(), {
              version,
              ...buildingChangeOf(saved.feature as BuildingFeature, working.feature),
            })
          default: {
            const never: never = working
            throw new Error(`unknown kind ${JSON.stringify(never)}`)
          }
        }
      }),
    remove: (saved) => {
      if (saved.kind === 'district') throw new Error('districts are on the official list: removing a boundary updates one, nothing deletes one')
      return attempt(saved.kind, async () => {
        const path = `${featurePath(saved.kind, codeOf(saved))}?version=${saved.feature.properties.version}`
        await sendJson('DELETE', path, author())
        return null
      })
    },
    updateTogether: async (changes) => {
      const body = changes.map(({ saved, working }) => ({ code: codeOf(saved), version: saved.feature.properties.version, boundary: working.feature.geometry }))
      try {
        const { smallAreas } = await sendJson<{ smallAreas: Saved<SmallAreaFeature>[] }>('POST', boundaryPath('smallArea', 'boundaries'), author(), body)
        return smallAreas.map(({ topology, ...feature }) => ({ outcome: 'saved', feature: { kind: 'smallArea', feature }, clipped: topology?.clipped ?? [], neighbours: neighboursOf(topology) }))
      } catch (error) {
        // Nothing was saved: the stale one gets its conflict, the others the reason they wait.
        const outcome = outcomeOfError(error, 'smallArea')
        const staleCode = outcome.outcome === 'stale' ? codeOf(outcome.current) : null
        return changes.map(({ saved }) => (outcome.outcome !== 'stale' || codeOf(saved) === staleCode ? outcome : { outcome: 'refused', message: messageOf(error), problems: [] }))
      }
    },
  }
}
