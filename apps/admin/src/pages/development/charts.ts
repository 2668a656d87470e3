// The echarts parts the development analysis draws with, on top of the shared ones. Imported by the
// analysis page only, so echarts stays in lazily loaded chunks.
import { PieChart } from "echarts/charts"
import { LegendComponent } from "echarts/components"
import { echarts } from "../../charts/echarts"

echarts.use([PieChart, LegendComponent])

export { echarts }
