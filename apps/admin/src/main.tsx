// antd 5's static message/modal need this shim under React 19.
import "@ant-design/v5-patch-for-react-19"
import { StrictMode } from "react"
import { createRoot } from "react-dom/client"
import { App, startEarly } from "./App"
import { areas } from "./areas"
import "./styles.css"

const root = document.getElementById("root")
if (!root) throw new Error("index.html has no #root")
// The session's question, the page's code and the dashboard's reads leave before React's first render, which
// waits for the session's answer up to a second: the frame has nothing to draw but its loading state before it,
// and the render's own work would hold back the answer's handling, and the dashboard's reads with it. A slower
// answer finds the frame drawn.
await Promise.race([startEarly(areas), new Promise((go) => setTimeout(go, 1000))])
createRoot(root).render(
  <StrictMode>
    <App areas={areas} />
  </StrictMode>,
)
