import type { MeetingEvidence } from "./steps.js"

/** What a branch general meeting's numbers amount to (DR 19–20, 32; PC 7). */
export interface MeetingOutcome {
  /** Voting members present are more than half of those who should attend (strictly > ½, DR 19). */
  readonly quorum: boolean
  /** Yes votes — written opinions of absentees included — are more than half of the expected voters (DR 20). */
  readonly passed: boolean
  /** The ballots add up: no more votes than voters present plus written opinions, no more of those than expected. */
  readonly consistent: boolean
}

/**
 * Probationary members attend but have no vote (PC 7): they are reported apart (`probationaryPresent`) and
 * must not appear in `presentVoters` or in the tally. Note the threshold is half of the members who SHOULD
 * attend, not of those present.
 */
export const meetingOutcome = (e: MeetingEvidence): MeetingOutcome => ({
  quorum: e.presentVoters * 2 > e.expectedVoters,
  passed: e.yesVotes * 2 > e.expectedVoters,
  consistent:
    e.yesVotes + e.noVotes + e.abstentions <= e.presentVoters + e.writtenOpinions &&
    e.presentVoters + e.writtenOpinions <= e.expectedVoters,
})
