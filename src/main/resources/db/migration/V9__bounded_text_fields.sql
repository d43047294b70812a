-- Every text field of the input files has a maximum length (SPEC §2; README "Import"), checked at import with the
-- limit in the reject's reason. The database holds the same limits, so that nothing else stores longer values.
-- Codes, document numbers, product codes and lines, claim ids and directions are VARCHAR(40) since V2.
--
-- The constraints are added NOT VALID: PostgreSQL enforces them for every row inserted or updated from now on,
-- but does not check the rows already stored, so an existing installation whose data holds a longer value still
-- migrates. Such rows stay as they are (a statement shows at most the first 200 characters of a claim's
-- description); `ALTER TABLE ... VALIDATE CONSTRAINT ...` confirms once they have been corrected.
-- The history tables keep copies of earlier versions exactly and get no limit.
ALTER TABLE distributor
    ADD CONSTRAINT distributor_name_length CHECK (char_length(name) <= 200) NOT VALID,
    ADD CONSTRAINT distributor_email_length CHECK (char_length(email) <= 254) NOT VALID,
    ADD CONSTRAINT distributor_region_length CHECK (char_length(region) <= 100) NOT VALID;

ALTER TABLE claim
    ADD CONSTRAINT claim_description_length CHECK (char_length(description) <= 1000) NOT VALID;

-- A reject's reason and the record it echoes are cut by the import (500 and 2000 characters and a short note of
-- the full length); the limits leave room for the note.
ALTER TABLE import_reject
    ADD CONSTRAINT import_reject_reason_length CHECK (char_length(reason) <= 1000) NOT VALID,
    ADD CONSTRAINT import_reject_record_length CHECK (char_length(record) <= 4000) NOT VALID;
