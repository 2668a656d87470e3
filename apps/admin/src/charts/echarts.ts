// Only the echarts parts the admin draws with, so chart chunks stay small; imported by chart
// panels only, never by the shell or the login page.
import { BarChart } from "echarts/charts"
import { GridComponent, TooltipComponent } from "echarts/components"
import * as echarts from "echarts/core"
import { CanvasRenderer } from "echarts/renderers"

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer])

export { echarts }
