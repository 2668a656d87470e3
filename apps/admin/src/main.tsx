// antd 5's static message/modal need this shim under React 19.
import "@ant-design/v5-patch-for-react-19"
import { StrictMode } from "react"
import { createRoot } from "react-dom/client"
import { App } from "./App"
import { areas } from "./areas"
import "./styles.css"

const root = document.getElementById("root")
if (!root) throw new Error("index.html has no #root")
createRoot(root).render(
  <StrictMode>
    <App areas={areas} />
  </StrictMode>,
)
