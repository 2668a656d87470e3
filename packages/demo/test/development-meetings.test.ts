import {
  type Database,
  developmentRecords,
  disciplineAttendance,
  disciplineMeetings,
  members,
} from "@xianfeng/db"
import { decodeStepRecord, linkStillHolds, meetingOutcome } from "@xianfeng/development-rules"
import { eq, isNotNull } from "drizzle-orm"
import { Result } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { backends, openSharedDemo, sharedDemoAsOf } from "./support/backends.js"

const asOf = sharedDemoAsOf

// Admissions of the demo district recorded from their branch general meeting, on every backend.
describe.each(backends)("the demo's admissions decided at a meeting on $name", (backend) => {
  let database: Database
  beforeAll(async () => {
    database = await openSharedDemo(backend)
  }, 600_000)
  afterAll(async () => {
    await database.close()
  })

  it("links some admissions to a general meeting whose headcounts are its roll-call ticks and whose ballot is the record's", async () => {
    const { db } = database
    const linked = await db
      .select({
        record: developmentRecords,
        meeting: disciplineMeetings,
        name: members.name,
        orgId: members.orgId,
      })
      .from(developmentRecords)
      .innerJoin(disciplineMeetings, eq(disciplineMeetings.id, developmentRecords.meetingId))
      .innerJoin(members, eq(members.id, developmentRecords.memberId))
      .where(isNotNull(developmentRecords.meetingId))
    expect(linked.length).toBeGreaterThan(0)
    for (const { record, meeting, name, orgId } of linked) {
      const ticks = await db
        .select({ present: disciplineAttendance.present, stage: members.stage })
        .from(disciplineAttendance)
        .innerJoin(members, eq(members.id, disciplineAttendance.memberId))
        .where(eq(disciplineAttendance.meetingId, meeting.id))
      expect(ticks.length).toBe(meeting.expectedFull + meeting.expectedProbationary)
      expect(ticks.filter((t) => t.present).length).toBe(meeting.presentFull + meeting.presentProbationary)
      expect(meeting.orgId).toBe(orgId)
      // The record still holds as linked (same day, kind, ballot, probationary present) and passes the rules.
      expect(
        linkStillHolds(
          { step: record.step, on: record.onDate, evidence: record.evidence },
          { ...meeting, on: meeting.onDate },
          { id: record.memberId, orgId, name },
        ),
      ).toEqual([])
      const decoded = decodeStepRecord({
        step: record.step,
        on: record.onDate.toString(),
        evidence: record.evidence,
      })
      expect(Result.isSuccess(decoded)).toBe(true)
      const vote = meeting.votes[0]
      if (vote === undefined) throw new Error("a linked meeting without its ballot")
      expect(meetingOutcome(vote)).toEqual({ quorum: true, passed: true, consistent: true })
    }
    // Before the roll-call window of the standing alerts (seven months).
    const recent = linked.filter((l) => l.meeting.onDate.toString() > asOf.subtract({ months: 7 }).toString())
    expect(recent).toEqual([])
  })
})
