-- The parties that link accounts (issue 18's network view): the device, the IP and the counterparty of each scored
-- transaction, with an index each so that "who else used this device in the last 30 days" reads a few rows. Rows
-- stored before this migration have none; their accounts show in a network only through their own transactions
-- scored since.
ALTER TABLE scored_transactions ADD COLUMN device_id text;
ALTER TABLE scored_transactions ADD COLUMN ip text;
ALTER TABLE scored_transactions ADD COLUMN counterparty_account text;
CREATE INDEX scored_transactions_device_idx ON scored_transactions (device_id, tx_time) WHERE device_id IS NOT NULL;
CREATE INDEX scored_transactions_ip_idx ON scored_transactions (ip, tx_time) WHERE ip IS NOT NULL;
CREATE INDEX scored_transactions_counterparty_idx ON scored_transactions (counterparty_account, tx_time)
    WHERE counterparty_account IS NOT NULL;
