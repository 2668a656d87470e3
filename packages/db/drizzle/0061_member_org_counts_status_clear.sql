-- The stored member counts gain the member's status in their key (issue 18): the development pipeline counts
-- people in normal standing per stage, and an organization's member count takes every status, both over whole
-- subtrees (up to 1,000,000 members), and both can then be sums of these rows too. The rows are derived: they are
-- emptied here so the next migration can add the non-null column and the wider key to an empty table, and
-- custom migration `member_org_counts_by_status` fills them again from the members, with the new triggers, in the
-- same migration run (one transaction: no write to members falls between).
DELETE FROM "member_org_counts";
