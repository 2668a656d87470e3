// pg-copy-streams ships no types: the one function COPY FROM STDIN uses.
declare module "pg-copy-streams" {
  import type { Writable } from "node:stream"
  export const from: (text: string) => Writable & { submit(connection: unknown): void }
}
