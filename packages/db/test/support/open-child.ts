// Opens the PGlite folder given as argv[2] from a second process, then closes it.
import { openDatabase } from "../../src/database.js"

const database = await openDatabase({ dataDir: process.argv[2] ?? "", migrate: false })
await database.close()
console.log("opened")
