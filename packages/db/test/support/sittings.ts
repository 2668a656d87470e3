import { date } from "@xianfeng/core"
import type { saveMeeting } from "../../src/index.js"

type Sitting = Parameters<typeof saveMeeting>[2]

/**
 * A sitting (组织生活会议) of `orgId` on `onDate` with nothing recorded beyond its type (a party lecture unless
 * `over` says otherwise) and its frame: for tests that need a sitting to exist, not its contents.
 */
export const bareSitting = (orgId: string, onDate: string, over: Partial<Sitting> = {}): Sitting => ({
  orgId,
  types: ["party-lecture"],
  onDate: date(onDate),
  startTime: "14:30",
  endTime: "16:00",
  place: "活动室",
  chair: "书记",
  recorder: "组织委员",
  expectedFull: 0,
  expectedProbationary: 0,
  presentFull: 0,
  presentProbationary: 0,
  observers: [],
  firstItem: null,
  agenda: [],
  resolutions: [],
  votes: [],
  attendance: [],
  recordedBy: null,
  recordedAt: new Date("2026-11-30T02:00:00Z"),
  ...over,
})
