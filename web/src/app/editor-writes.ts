/**
 * The edit session's writes over HTTP: each save becomes one POST, PATCH or DELETE, sent as the
 * person named in the header, and every answer becomes a value the session understands.
 */
import type { Point } from 'geojson'
import type { ClippedPart, SaveTopology } from '@census/shared'
import { ApiError, featurePath, sendJson } from '../api/census-api.ts'
import type { BuildingFeature, SmallAreaFeature } from '../features.ts'
import type { Edited, EditorWrites, WriteOutcome } from '../editor/edit-session.ts'
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

/** A saved small area comes back with what clipping cut off; the feature itself is kept without it. */
type SavedSmallArea = SmallAreaFeature & { topology?: SaveTopology }

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
      const { topology, ...feature } = answer as SavedSmallArea
      return { outcome: 'saved', feature: { kind, feature } as Edited, clipped: topology?.clipped ?? [] }
    } catch (error) {
      return outcomeOfError(error, kind)
    }
  }
  const smallAreaPath = (code?: string) => `${featurePath('smallArea', code)}${avoidOverlaps() ? '' : '?overlaps=refuse'}`
  return {
    create: (edited) =>
      attempt(edited.kind, () =>
        edited.kind === 'smallArea'
          ? sendJson<SavedSmallArea>('POST', smallAreaPath(), author(), {
              districtCode: edited.feature.properties.districtCode,
              boundary: edited.feature.geometry,
            })
          : sendJson<BuildingFeature>('POST', featurePath('building'), author(), {
              districtCode: edited.feature.properties.districtCode,
              ...buildingFields(edited.feature),
            }),
      ),
    update: (saved, working) =>
      attempt(working.kind, () => {
        const version = saved.feature.properties.version
        return working.kind === 'smallArea'
          ? sendJson<SavedSmallArea>('PATCH', smallAreaPath(codeOf(saved)), author(), { version, boundary: working.feature.geometry })
          : sendJson<BuildingFeature>('PATCH', featurePath('building', codeOf(saved)), author(), { version, ...buildingFields(working.feature) })
      }),
    remove: (saved) =>
      attempt(saved.kind, async () => {
        const path = `${featurePath(saved.kind, codeOf(saved))}?version=${saved.feature.properties.version}`
        await sendJson('DELETE', path, author())
        return null
      }),
  }
}
