import { Component, type ReactNode } from "react"

interface Props {
  readonly fallback: (error: unknown, reset: () => void) => ReactNode
  readonly children: ReactNode
}

/** Catches render errors and failed lazy chunks, so one broken page or panel does not blank the app. */
export class ErrorBoundary extends Component<Props, { error: unknown }> {
  override state: { error: unknown } = { error: undefined }
  static getDerivedStateFromError(error: unknown) {
    return { error }
  }
  reset = () => this.setState({ error: undefined })
  override render() {
    return this.state.error === undefined
      ? this.props.children
      : this.props.fallback(this.state.error, this.reset)
  }
}
