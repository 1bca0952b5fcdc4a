/**
 * How much of the map a fitted view keeps clear of the panels drawn over it (the editor's toolbar
 * and its notice, the legend), worked out from where those panels are. Pure: the page measures the
 * boxes, this decides.
 */

export interface Padding {
  top: number
  right: number
  bottom: number
  left: number
}

/** A box on the page in CSS pixels, as `getBoundingClientRect` gives it. */
export interface Box {
  left: number
  top: number
  right: number
  bottom: number
}

/** Never less free map than this across or down, however much is covered: a fit needs somewhere to go. */
const LEAST_FREE_PX = 80

/**
 * The padding that keeps a view fitted in `map` clear of every box in `over` (each one cleared along
 * the side that costs the least map: a strip along the top is cleared from the top, a column at the
 * left from the left), plus `margin` on every side. If that would leave less than a little map free,
 * the paddings on that axis shrink in proportion.
 */
export function paddingClearOf(map: Box, over: readonly Box[], margin: number): Padding {
  const width = map.right - map.left
  const height = map.bottom - map.top
  const padding: Padding = { top: margin, right: margin, bottom: margin, left: margin }
  for (const box of over) {
    // Off the map, or nothing of it on the map: nothing to clear.
    if (box.right <= map.left || box.left >= map.right || box.bottom <= map.top || box.top >= map.bottom) continue
    const clear = {
      top: box.bottom - map.top + margin,
      bottom: map.bottom - box.top + margin,
      left: box.right - map.left + margin,
      right: map.right - box.left + margin,
    }
    // What each way costs: the strip of map it gives up.
    const cost = { top: clear.top * width, bottom: clear.bottom * width, left: clear.left * height, right: clear.right * height }
    const side = (Object.keys(cost) as Array<keyof Padding>).reduce((best, s) => (cost[s] < cost[best] ? s : best))
    padding[side] = Math.max(padding[side], clear[side])
  }
  return { ...fitAxis(padding.top, padding.bottom, height, 'top', 'bottom'), ...fitAxis(padding.left, padding.right, width, 'left', 'right') }
}

function fitAxis<A extends keyof Padding, B extends keyof Padding>(a: number, b: number, size: number, nameA: A, nameB: B): Record<A | B, number> {
  const room = Math.max(0, size - LEAST_FREE_PX)
  const scale = a + b > room ? room / (a + b) : 1
  return { [nameA]: Math.floor(a * scale), [nameB]: Math.floor(b * scale) } as Record<A | B, number>
}
