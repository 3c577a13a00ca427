-- Every export of what is stored about one account (Ley 29733's right of access): who asked, for which account, when.
-- Append-only, as the other audit trails.
CREATE TABLE data_subject_exports (
    id          bigserial PRIMARY KEY,
    account_id  text NOT NULL,
    actor       text NOT NULL,
    at          timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION data_subject_exports_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'data_subject_exports is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER data_subject_exports_no_change BEFORE UPDATE OR DELETE ON data_subject_exports
    FOR EACH ROW EXECUTE FUNCTION data_subject_exports_append_only();
