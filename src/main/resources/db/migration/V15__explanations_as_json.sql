-- A close writes one explanation per distributor (about 1.5 kB of JSON) and reads them back only whole, for
-- statements and the distributor page; nothing searches inside them. `json` keeps the text as written and only
-- checks it, where `jsonb` parses it into a binary tree on the way in and prints it again on the way out: on
-- 20,000 explanations the server spends about a third less on `COPY` (bench/CLOSE.md). Operators such as `->` and
-- `->>` work on both.
ALTER TABLE rebate ALTER COLUMN explanation TYPE json USING explanation::json;
