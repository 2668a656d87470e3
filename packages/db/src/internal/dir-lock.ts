import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs"

/** Thrown when another live process holds the data folder. */
export class DataDirLockedError extends Error {
  override readonly name = "DataDirLockedError"
  constructor(
    readonly lockFile: string,
    readonly pid: number,
  ) {
    super(
      `The data folder is in use by process ${pid} (lock file ${lockFile}). PGlite allows one process per ` +
        "folder: stop that process, or set DATABASE_URL to share a PostgreSQL server between processes.",
    )
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM"
  }
}

const readPid = (file: string): number | undefined => {
  try {
    const pid = Number.parseInt(readFileSync(file, "utf8").trim(), 10)
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

/**
 * Takes `file` for this process (PGlite #1106: two processes on one folder corrupt it). The file holds
 * our pid; a lock left by a dead pid is taken over. Returns the release function.
 */
export const acquireDirLock = (file: string): (() => void) => {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600)
      writeSync(fd, `${process.pid}\n`)
      closeSync(fd)
      let released = false
      const release = () => {
        if (released) return
        released = true
        process.off("exit", release)
        if (readPid(file) === process.pid) unlinkSync(file)
      }
      process.on("exit", release)
      return release
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e
      const pid = readPid(file)
      // The same process opening the folder twice would corrupt it just the same.
      if (pid !== undefined && (pid === process.pid || isAlive(pid))) throw new DataDirLockedError(file, pid)
      try {
        unlinkSync(file) // stale: its process is gone
      } catch (u) {
        if ((u as NodeJS.ErrnoException).code !== "ENOENT") throw u
      }
    }
  }
  throw new DataDirLockedError(file, readPid(file) ?? 0)
}
