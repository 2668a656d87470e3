/**
 * The SQL the API runs for the benchmarked requests (what drizzle builds in apps/api's members routes),
 * written out for the raw-driver baselines. Scope is the district root `d1` for the demo `admin`.
 */
export const scopeParams = (path: string) => [path, `${path}.`, `${path}/`] as const

const inPath = (col: string, a: number) =>
  `(${col} = $${a} or (${col} ~>=~ $${a + 1} and ${col} ~<~ $${a + 2}))`

export const memberDetailSql = `select m.id, m.name, m.sex, m.birth_date, m.stage, m.org_id, o.name as org_name,
  m.id_number_masked, m.phone, m.ethnicity, m.education, m.occupation_group, m.status, m.applied_on,
  m.activist_on, m.development_object_on, m.admitted_on, m.full_member_on, m.version
  from members m inner join orgs o on o.id = m.org_id
  where m.id = $1 and ${inPath("o.path", 2)} limit 1`

export const orgInScopeSql = `select id, path, kind, name from orgs where id = $1 and ${inPath("path", 2)} limit 1`

const pageWhere = `${inPath("o.path", 1)} and ${inPath("o.path", 4)}`
export const memberPageSql = `select m.id, m.name, m.sex, m.birth_date, m.stage, m.org_id, o.name as org_name,
  m.id_number_masked, m.phone from members m inner join orgs o on o.id = m.org_id
  where ${pageWhere} order by m.name_pinyin asc, m.id asc limit $7 offset $8`
export const memberCountSql = `select count(*)::int as n from members m inner join orgs o on o.id = m.org_id
  where ${pageWhere}`

/**
 * The development pipeline counts (members by stage in a subtree) counted over the members: the scan the API's
 * stored per-organization counts (member_org_counts) replace, kept as the baseline of what they save.
 */
export const stageCountsSql = `select m.stage, count(*)::int as count from members m
  inner join orgs o on o.id = m.org_id where ${inPath("o.path", 1)} group by m.stage`

/**
 * The bare count behind a year's compliance (组织生活落实情况): the year's sittings of every organization of a
 * subtree, counted per organization — the meetings the heatmap route judges, without judging them.
 */
export const yearMeetingsSql = `select m.org_id, count(*)::int as n from discipline_meetings m
  inner join orgs o on o.id = m.org_id where ${inPath("o.path", 1)} and m.on_date >= $4 and m.on_date <= $5
  group by m.org_id`

/**
 * The bare reads behind the agenda (日程) of a subtree: the window's stored due items of the compliance calendars
 * (`discipline_calendar_items`) and of the development pipeline (`development_pipeline_items`, holding for the
 * member row's version), each soonest first through its due-date index and capped as the API caps each source
 * (501) — what the agenda reads once nothing is stale, without checking for staleness.
 */
export const agendaCalendarItemsSql = `select i.org_id, o.name, i.obligation, i.period, i.status, i.due_by, i.citations
  from discipline_calendar_items i inner join orgs o on o.id = i.org_id
  where ${inPath("o.path", 1)} and i.due_by >= $4 and i.due_by <= $5
  order by i.due_by, i.org_id, i.ordinal limit 501`
export const agendaPipelineItemsSql = `select m.id, m.name, m.org_id, o.name as org_name, s.step, s.state, s.due_by
  from development_pipeline_items s
  inner join development_pipeline_index x on x.member_id = s.member_id
  inner join members m on m.id = s.member_id inner join orgs o on o.id = m.org_id
  where ${inPath("o.path", 1)} and m.status = 'normal' and x.member_version = m.version
    and s.due_by >= $4 and s.due_by <= $5
  order by s.due_by, s.member_id, s.ordinal limit 501`

/**
 * The agenda's pipeline read below the root as the API takes it (`pipelineDeadlinesOf`): the steps of the subtree's
 * organizations through the steps' own organization and due date (`development_pipeline_items_org_due_idx`), each
 * checked against its member's organization, soonest first, capped at 501.
 */
export const agendaPipelineItemsBelowSql = `select m.id, m.name, m.org_id, o.name as org_name, s.step, s.state, s.due_by
  from development_pipeline_items s
  inner join orgs o on o.id = s.org_id
  inner join development_pipeline_index x on x.member_id = s.member_id
  inner join members m on m.id = s.member_id
  where ${inPath("o.path", 1)} and m.org_id = s.org_id and m.status = 'normal' and x.member_version = m.version
    and s.due_by >= $4 and s.due_by <= $5
  order by s.due_by, s.member_id, s.ordinal limit 501`

const pipelineStagesSql = `('applicant', 'activist', 'development-object', 'probationary')`

/**
 * The bare reads behind the development pipeline page (发展党员 pipeline) of a subtree, what it shows and nothing
 * more: the 500 most urgent open steps (overdue first, then the earlier deadline, then the name in the database's
 * order) with the totals of overdue and due ones, from the stored steps whose index row holds for the member's
 * version ($4: the horizon, today plus 30 days); below the root through the steps' own organization, as the API.
 */
export const pipelineAttentionSql = (
  below: boolean,
) => `select m.id, m.name, m.org_id, o.name as org_name, m.stage,
    s.step, s.state, s.due_by, count(*) over () as total,
    count(*) filter (where s.state = 'overdue') over () as overdue
  from development_pipeline_items s
  inner join development_pipeline_index x on x.member_id = s.member_id
  inner join members m on m.id = s.member_id
  inner join orgs o on o.id = ${below ? "s.org_id" : "m.org_id"}
  where ${inPath("o.path", 1)} and m.status = 'normal' and m.stage in ${pipelineStagesSql}
    and x.member_version = m.version ${below ? "and m.org_id = s.org_id" : ""}
    and (s.due_by <= $4 or s.state = 'overdue')
  order by s.state <> 'overdue', s.due_by, m.name limit 500`

/** The pipeline page's counts per stage: the stored per-organization counts of the subtree summed. */
export const pipelineCountsSql = `select c.stage, sum(c.n)::int as count from member_org_counts c
  inner join orgs o on o.id = c.org_id where ${inPath("o.path", 1)} and c.status = 'normal' group by c.stage`

/** The stages of the pipeline page's board and the column holding the day a person entered each. */
export const boardStages = [
  ["applicant", "applied_on"],
  ["activist", "activist_on"],
  ["development-object", "development_object_on"],
  ["probationary", "admitted_on"],
] as const

/** One stage's board: its 50 people of the subtree longest in the stage first, through the stage's board index. */
export const pipelineBoardSql = ([stage, since]: (typeof boardStages)[number]) =>
  `select m.id, m.name, o.name as org_name, m.${since} as since from members m
  inner join orgs o on o.id = m.org_id
  where ${inPath("o.path", 1)} and m.status = 'normal' and m.stage = '${stage}'
  order by m.${since} asc nulls last, m.id limit 50`
