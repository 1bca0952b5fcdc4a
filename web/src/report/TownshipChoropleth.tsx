/** The city's townships coloured by a rate, with the office's bands as the legend; click one to open it on the map. */
import { useMemo } from 'react'
import type { Bilingual, TownshipFigures } from '@census/shared'
import { useText } from '../i18n/use-text.ts'
import { useViewer, useViewerStore } from '../store/use-viewer.ts'
import { projectShapes } from './choropleth.ts'
import { showView } from './view.ts'

const WIDTH = 420
const HEIGHT = 320
/** Light to dark, one colour per band plus the one below the lowest threshold. */
const RAMP = ['#f1e9f7', '#cdb6e3', '#9b7cc8', '#5b3f8c', '#2e1d4d']
const NO_RATE = '#dddddd'

interface Props {
  townships: readonly TownshipFigures[]
  measure: 'districtRate' | 'buildingRate'
  /** Whole percents, ascending. */
  bands: readonly number[]
  title: Bilingual
}

export function TownshipChoropleth({ townships, measure, bands, title }: Props) {
  const text = useText()
  const store = useViewerStore()
  const features = useViewer((s) => s.city?.townships.features)
  const shapes = useMemo(
    () => (features ? projectShapes(features.map((f) => ({ code: f.properties.code, geometry: f.geometry })), WIDTH, HEIGHT) : []),
    [features],
  )
  const byCode = new Map(townships.map((t) => [t.code, t]))
  const colour = (rate: number | null) => (rate === null ? NO_RATE : RAMP[Math.min(RAMP.length - 1, bands.filter((b) => rate * 100 > b).length)]!)
  const legend = [`≤${bands[0]}%`, ...bands.map((b, i) => (i + 1 < bands.length ? `${b}–${bands[i + 1]}%` : `>${b}%`))]

  return (
    <figure className="report-choropleth" data-testid="report-choropleth">
      <figcaption>{text(title)}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={text(title)}>
        {shapes.map((s) => {
          const t = byCode.get(s.code)
          const rate = t ? t[measure] : null
          return (
            <path
              key={s.code}
              d={s.path}
              fill={colour(rate)}
              onClick={() => {
                store.pickTownship(s.code)
                showView('map')
              }}
            >
              <title>{`${t?.name ?? s.code}：${rate === null ? '—' : `${Math.round(rate * 100)}%`}`}</title>
            </path>
          )
        })}
      </svg>
      <ul className="choropleth-legend">
        {legend.map((label, i) => (
          <li key={label}>
            <span style={{ background: RAMP[i] }} />
            {label}
          </li>
        ))}
      </ul>
    </figure>
  )
}
