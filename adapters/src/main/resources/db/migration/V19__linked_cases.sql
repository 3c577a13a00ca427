-- Linked accounts (issue 18): an account with no open case whose alert shares a device, a beneficiary or an IP with an
-- alert in another account's open case joins that case instead of opening its own. case_links says which accounts
-- joined a case and through what; the alerts' snapshots are searched by those values, hence the indexes.
CREATE TABLE case_links (
    case_id         text NOT NULL REFERENCES cases (case_id),
    account_id      text NOT NULL,
    via             text NOT NULL CHECK (via IN ('device', 'counterparty', 'ip')),
    value           text NOT NULL,
    linked_account  text NOT NULL,
    at              timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, account_id)
);
CREATE INDEX case_links_account_idx ON case_links (account_id);

CREATE INDEX alerts_device_idx ON alerts ((transaction ->> 'device_id'), created_at)
    WHERE transaction ->> 'device_id' IS NOT NULL;
CREATE INDEX alerts_counterparty_idx ON alerts ((transaction ->> 'counterparty_account'), created_at)
    WHERE transaction ->> 'counterparty_account' IS NOT NULL;
CREATE INDEX alerts_ip_idx ON alerts ((transaction ->> 'ip'), created_at)
    WHERE transaction ->> 'ip' IS NOT NULL;
