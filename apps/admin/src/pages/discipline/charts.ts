// The echarts parts the organizational-life heatmap draws with, on top of the shared ones. Imported by the
// heatmap page only, so echarts stays in lazily loaded chunks.
import { HeatmapChart } from "echarts/charts"
import { VisualMapComponent } from "echarts/components"
import { echarts } from "../../charts/echarts"

echarts.use([HeatmapChart, VisualMapComponent])

export { echarts }
