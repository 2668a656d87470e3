// The echarts parts the study statistics draw with, on top of the shared ones (bar, grid, tooltip). Imported by
// the statistics page only, so echarts stays in lazily loaded chunks.
import { LineChart } from "echarts/charts"
import { LegendComponent } from "echarts/components"
import { echarts } from "../../charts/echarts"

echarts.use([LineChart, LegendComponent])

export { echarts }
