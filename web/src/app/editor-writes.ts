/**
 * The edit session's writes over HTTP: each save becomes one POST, PATCH or DELETE, sent as the
 * person named in the header, and every answer becomes a value the session understands.
 */
import type { Point } from 'geojson'
import { ApiError, featurePath, sendJson } from '../api/census-api.ts'
import type { BuildingFeature, SmallAreaFeature } from '../features.ts'
import type { Edited, EditorWrites, WriteOutcome } from '../editor/edit-session.ts'
import { messageOf } from './load-city.ts'

function codeOf(edited: Edited): string {
  return edited.feature.properties.code
}

function outcomeOfError(error: unknown, kind: Edited['kind']): WriteOutcome {
  if (error instanceof ApiError && error.body?.error.code === 'stale_version' && error.body.error.current) {
    return { outcome: 'stale', current: { kind, feature: error.body.error.current } as Edited }
  }
  return { outcome: 'refused', message: messageOf(error), problems: error instanceof ApiError ? (error.body?.error.problems ?? []) : [] }
}

function buildingFields(b: BuildingFeature) {
  const { use, floors, households, address, note } = b.properties
  return { location: b.geometry satisfies Point, use, floors, households, address, note }
}

export function apiWrites(author: () => string): EditorWrites {
  const attempt = async (kind: Edited['kind'], write: () => Promise<Edited['feature'] | null>): Promise<WriteOutcome> => {
    try {
      const feature = await write()
      return { outcome: 'saved', feature: feature && ({ kind, feature } as Edited) }
    } catch (error) {
      return outcomeOfError(error, kind)
    }
  }
  return {
    create: (edited) =>
      attempt(edited.kind, () =>
        edited.kind === 'smallArea'
          ? sendJson<SmallAreaFeature>('POST', featurePath('smallArea'), author(), {
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
          ? sendJson<SmallAreaFeature>('PATCH', featurePath('smallArea', codeOf(saved)), author(), { version, boundary: working.feature.geometry })
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
