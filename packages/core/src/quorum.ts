/**
 * Meeting quorums and votes, shared by every area that counts a branch's members (admission and conversion in
 * development, ordinary business in organizational life). The regulations word the quorum two ways, and both are
 * encoded apart:
 * - `at-least-half` 半数以上: ordinary business of a branch general meeting may be voted on when at least half of
 *   the voting members are present (《中国共产党支部工作条例（试行）》第十一条), and a branch committee meeting
 *   sits with at least half of its members (第十二条);
 * - `more-than-half` 超过半数: admission and conversion need more than half of the voting members who should
 *   attend present (《中国共产党发展党员工作细则》（2026年）第十九条、第三十二条).
 * In both, a motion passes on yes votes above half of the members who SHOULD attend, not of those present
 * (支部工作条例第十一条; 发展党员工作细则第二十条).
 */

/** Which wording of the quorum a sitting must meet. */
export type QuorumRule = "at-least-half" | "more-than-half"

/**
 * `present` of `expected` meet the quorum: `present × 2 ≥ expected` for `at-least-half`, `present × 2 >
 * expected` for `more-than-half`. An empty body (`expected` 0) never has a quorum.
 */
export const hasQuorum = (present: number, expected: number, rule: QuorumRule): boolean =>
  expected > 0 && (rule === "at-least-half" ? present * 2 >= expected : present * 2 > expected)

/**
 * A ballot's numbers. Probationary members attend but have no vote (《中国共产党章程》第七条): they are counted
 * apart by the caller and must not appear in `presentVoters` or in the tally.
 */
export interface VoteTally {
  /** Voting members who should attend (full members not deprived of their rights). */
  readonly expectedVoters: number
  readonly presentVoters: number
  /** Voting members absent who sent a written opinion before the meeting; they count in the tally (DR 20). */
  readonly writtenOpinions: number
  readonly yesVotes: number
  readonly noVotes: number
  readonly abstentions: number
}

/** What a ballot's numbers amount to. */
export interface MeetingOutcome {
  /** Voting members present meet the quorum: strictly more than half by default (DR 19). */
  readonly quorum: boolean
  /** Yes votes — written opinions of absentees included — are more than half of the expected voters (DR 20). */
  readonly passed: boolean
  /** The ballots add up: no more votes than voters present plus written opinions, no more of those than expected. */
  readonly consistent: boolean
}

/**
 * Judges a ballot. `rule` defaults to `more-than-half`, the admission and conversion quorum (DR 19, 32); pass
 * `at-least-half` for a general meeting's ordinary business (BR 11). Note the pass threshold is half of the
 * members who SHOULD attend, not of those present.
 */
export const meetingOutcome = (e: VoteTally, rule: QuorumRule = "more-than-half"): MeetingOutcome => ({
  quorum: hasQuorum(e.presentVoters, e.expectedVoters, rule),
  passed: e.yesVotes * 2 > e.expectedVoters,
  consistent:
    e.yesVotes + e.noVotes + e.abstentions <= e.presentVoters + e.writtenOpinions &&
    e.presentVoters + e.writtenOpinions <= e.expectedVoters,
})
