-- When a case's SLA ran out and it was announced (the case.overdue webhook event), so it is announced once, by
-- whichever replica sees it first.
ALTER TABLE cases ADD COLUMN overdue_notified_at timestamptz;
