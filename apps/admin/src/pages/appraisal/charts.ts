// The echarts parts the appraisal results draw with, on top of the shared ones (bars): a legend for the
// stacked grades and a pie of the district's totals. Imported by the results page only.
import { PieChart } from "echarts/charts"
import { LegendComponent } from "echarts/components"
import { echarts } from "../../charts/echarts"

echarts.use([PieChart, LegendComponent])

export { echarts }
