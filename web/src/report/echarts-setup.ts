/**
 * Only the parts of ECharts the report's chart uses, registered once. Imported dynamically by
 * ReportChart, so that the map view never loads them, and by name, so the bundle keeps only these.
 */
import { LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components'
import { init, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

use([LineChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, CanvasRenderer])

export { init }
