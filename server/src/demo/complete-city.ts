/**
 * The complete city, the model every demo is a view of: geometry, buildings and small areas of a city
 * where every district is drawn and every building marked. Progress ('campaign' or 'complete') is a
 * selection of it, so a township's expected buildings are its buildings here.
 */
import type { CitySource } from './city-source.ts'
import { interiorPointNear, metricAt, shapeCentroid, Topology, type Pt, type Shape } from './planar.ts'
import { tessellate } from './power-diagram.ts'
import type { Random } from './random.ts'
import { placeBuildings, planDistrict, TENGZHOU_DENSITY, walkingOrder, type DistrictPlan, type PlacedBuilding } from './settlements.ts'
import { smallAreaCount, splitIntoSmallAreas } from './small-area-split.ts'

type SourceDistrict = CitySource['districts'][number]
type SourceTownship = CitySource['townships'][number]

export interface CompleteDistrict {
  source: SourceDistrict
  shape: Shape
  /** Small areas in code order; their buildings in code (marking) order. */
  smallAreas: { shape: Shape; buildings: PlacedBuilding[] }[]
  buildingCount: number
  centre: Pt
  urbanity: number
}

export interface CompleteTownship {
  source: SourceTownship
  shape: Shape
  districts: CompleteDistrict[]
  buildingCount: number
}

export interface CompleteCity {
  source: CitySource
  townships: CompleteTownship[]
  topology: Topology
}

/**
 * Every district drawn, tiled by small areas and full of buildings: townships are the power cells of
 * the county, districts the power cells of their township, small areas the household-balanced halves
 * of their district. `householdsPerSmallArea` sets how many small areas each district gets.
 */
export function buildCompleteCity(source: CitySource, householdsPerSmallArea: number, random: Random): CompleteCity {
  const topology = new Topology()
  const county = topology.shapeOf(source.outline)
  const metric = metricAt(shapeCentroid(county))

  const plans = new Map<string, DistrictPlan>()
  const density = source.density ?? TENGZHOU_DENSITY
  for (const d of source.districts) {
    const plan = planDistrict(d, density, random.fork(`plan/${d.code}`))
    // A district numbers its buildings 0001–9999; only a density far above any census gets there.
    if (plan.buildings.length > 9999) throw new Error(`district ${d.code} would hold ${plan.buildings.length} buildings, more than building codes can number`)
    plans.set(d.code, plan)
  }

  const townshipSources = source.townships
  const districtsOf = new Map<string, SourceDistrict[]>(townshipSources.map((t) => [t.code, []]))
  for (const d of source.districts) districtsOf.get(d.townshipCode)!.push(d)

  const cityCentre = interiorPointNear(county, shapeCentroid(county), random.fork('centre'))
  const townshipShapes = tessellate(
    county,
    townshipSources.map((t) => districtsOf.get(t.code)!.reduce((sum, d) => sum + plans.get(d.code)!.areaWeight, 0)),
    townshipSources.map((t) => urbanity(districtsOf.get(t.code)!, plans)),
    cityCentre,
    metric,
    random.fork('townships'),
    topology,
  )

  const townships = townshipSources.map((t, ti): CompleteTownship => {
    const shape = townshipShapes[ti]!
    const members = districtsOf.get(t.code)!
    const seat =
      t.kind === 'subdistrict'
        ? interiorPointNear(shape, cityCentre, random.fork(`seat/${t.code}`))
        : interiorPointNear(shape, shapeCentroid(shape), random.fork(`seat/${t.code}`))
    const districtShapes = tessellate(
      shape,
      members.map((d) => plans.get(d.code)!.areaWeight),
      members.map((d) => plans.get(d.code)!.urbanity),
      seat,
      metric,
      random.fork(`districts/${t.code}`),
      topology,
    )
    const districts = members.map((d, di): CompleteDistrict => {
      const districtShape = districtShapes[di]!
      const plan = plans.get(d.code)!
      const r = random.fork(`buildings/${d.code}`)
      const placed = placeBuildings(districtShape, plan, metric, r)
      const smallAreas = splitIntoSmallAreas(districtShape, placed, smallAreaCount(plan.households, householdsPerSmallArea), metric, r, topology)
      for (const area of smallAreas) area.buildings = walkingOrder(area.buildings, metric)
      return { source: d, shape: districtShape, smallAreas, buildingCount: placed.length, centre: shapeCentroid(districtShape), urbanity: plan.urbanity }
    })
    return { source: t, shape, districts, buildingCount: districts.reduce((s, d) => s + d.buildingCount, 0) }
  })
  return { source, townships, topology }
}

/** A township's urbanity: the mean of its districts', which ranks it for a place near the city centre. */
function urbanity(districts: SourceDistrict[], plans: Map<string, DistrictPlan>): number {
  return districts.reduce((s, d) => s + plans.get(d.code)!.urbanity, 0) / districts.length
}
