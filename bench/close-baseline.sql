-- The honest alternative to the close job: the same work for one quarter as plain set-based SQL.
--
-- Closes 2026-Q3 under the programme that CloseBenchmark writes to its programmes directory (2026.yml):
--   tiers BRONZE 0.5, SILVER 1.0, GOLD 1.5, PLATINUM 2.0 (% of T)
--   attainment 80 → 2.0, 100 → 5.0; growth 10 → 0.5, 25 → 1.0 (highest rung reached)
--   promos PRINTERS 2026-08-15..2026-10-15 at 1.0 (∩ Q3 = 2026-08-15..2026-09-30);
--          MONITORS 2026-04-01..2026-04-30 at 0.5 misses Q3, so it has no column here
--   cap 5.0; co-funding 50 %, CATALOGUES and TRADE_SHOWS 100 %
--   early-payment (SPEC §8.3): days 10, rate 0.5 (% of E, the quarter's payments of invoices due at least 10 days
--          after they were paid)
--   top-performers (SPEC §8.4): min-growth 10, places 1.0, 0.5, 0.25 (% of T for places 1, 2, 3 of each tier)
-- The quarter and the programme are hard-coded (psql variables do not exist over JDBC); change both together.
--
-- It writes only tables of its own (bench_*), never the product's ledger. It reads the product's sales lines,
-- distributors, targets, payments and claims, and, for the balance the claims spend from, the product's bonus fund
-- lines (account 2390) from before this close plus its own ledger. The product's SPEND entries of 2026-Q3 are left
-- out, because this script settles those claims itself.
--
-- CloseBenchmark runs it through JDBC, one statement at a time (a statement ends with a line ending in ";"),
-- each in its own transaction, and times every statement.

DROP TABLE IF EXISTS bench_claim_settlement, bench_ledger_line, bench_ledger_entry, bench_rebate, bench_turnover,
                     bench_rules;

-- Which SPEC §8 rules the programme has. CloseBenchmark with RULES=ladder closes with programmes without them and
-- turns both off here (the only line it changes): E is then 0 and nobody ranks, and the payments are not read.
CREATE TABLE bench_rules AS SELECT true AS early_payment, true AS top_performers;

-- The same columns, keys and indexes as the product's tables (V3, V11), without the ledger's triggers; the
-- per-entry balance check is one set-based query at the end instead.
CREATE TABLE bench_turnover (
    distributor_code   VARCHAR(40)    PRIMARY KEY,
    currency           CHAR(3)        NOT NULL,
    tier               VARCHAR(10)    NOT NULL,
    target_amount      NUMERIC(20, 4),
    turnover           NUMERIC(24, 4) NOT NULL,
    turnover_last_year NUMERIC(24, 4) NOT NULL,
    promo_printers     NUMERIC(24, 4) NOT NULL,
    early_paid         NUMERIC(24, 4) NOT NULL,
    growth_place       INT,
    ranked_in_tier     INT
);

CREATE TABLE bench_rebate (
    distributor_code VARCHAR(40)    PRIMARY KEY,
    currency         CHAR(3)        NOT NULL,
    turnover         NUMERIC(24, 4) NOT NULL,
    target_amount    NUMERIC(20, 4),
    base             NUMERIC(20, 4) NOT NULL,
    attainment       NUMERIC(20, 4) NOT NULL,
    growth           NUMERIC(20, 4) NOT NULL,
    promo            NUMERIC(20, 4) NOT NULL,
    early_payment    NUMERIC(20, 4) NOT NULL,
    top_performer    NUMERIC(20, 4) NOT NULL,
    uncapped         NUMERIC(20, 4) NOT NULL,
    cap_amount       NUMERIC(20, 4) NOT NULL,
    cap_applied      BOOLEAN        NOT NULL,
    total            NUMERIC(20, 4) NOT NULL
);

CREATE TABLE bench_ledger_entry (
    id               BIGSERIAL      PRIMARY KEY,
    idempotency_key  VARCHAR(120)   NOT NULL UNIQUE,
    entry_type       VARCHAR(12)    NOT NULL CHECK (entry_type IN ('ACCRUAL', 'ADJUSTMENT', 'SPEND', 'EXPIRY')),
    effective_date   DATE           NOT NULL,
    distributor_code VARCHAR(40)    NOT NULL,
    period           VARCHAR(7)     NOT NULL,
    currency         CHAR(3)        NOT NULL,
    amount           NUMERIC(20, 4) NOT NULL,
    description      TEXT           NOT NULL,
    posted_at        TIMESTAMPTZ    NOT NULL DEFAULT now()
);

CREATE TABLE bench_ledger_line (
    entry_id         BIGINT         NOT NULL REFERENCES bench_ledger_entry (id),
    line_no          SMALLINT       NOT NULL,
    account          VARCHAR(20)    NOT NULL,
    distributor_code VARCHAR(40),
    effective_date   DATE           NOT NULL,
    currency         CHAR(3)        NOT NULL,
    debit            NUMERIC(20, 4) NOT NULL CHECK (debit >= 0),
    credit           NUMERIC(20, 4) NOT NULL CHECK (credit >= 0),
    PRIMARY KEY (entry_id, line_no)
);
CREATE INDEX bench_ledger_line_by_account ON bench_ledger_line (account, distributor_code, effective_date);

CREATE TABLE bench_claim_settlement (
    claim_id         VARCHAR(40)    PRIMARY KEY REFERENCES claim (claim_id),
    share            NUMERIC(7, 4)  NOT NULL,
    requested        NUMERIC(20, 4) NOT NULL,
    balance_before   NUMERIC(20, 4) NOT NULL,
    covered          NUMERIC(20, 4) NOT NULL,
    distributor_pays NUMERIC(20, 4) NOT NULL,
    status           VARCHAR(10)    NOT NULL CHECK (status IN ('COVERED', 'PARTIAL', 'UNCOVERED'))
);

-- 1. Extract: one pass over both quarters' sales lines — T, last year's P and the promo's L per distributor —
--    and E, with the tier and the target valid now, for every distributor of the master data; then the top
--    performers' places over the result.
--    E: the quarter's payments that pay an INVOICE of the same distributor due at least 10 days after the payment
--    (due_date >= paid_date + 10). An invoice has several lines (each with the same due date), so the payment is
--    joined to its invoice as a semi-join (EXISTS), which counts every payment once.
--    Places: within each tier, those with T > 0, P > 0 and growth ≥ 10 % ((T − P) × 100 ≥ 10 × P, exact) are
--    numbered by growth descending, then by code in code-point order (COLLATE "C": UTF-8 bytes sort as code points).
--    The growth key div((T − P) × 10^60, P) orders exactly as the fractions (T − P) / P: T and P are sums of
--    4-decimal amounts that fit NUMERIC(24, 4), so T = t / 10^4 and P = p / 10^4 with integers |t|, p < 10^24, and
--    two different growths (t_a − p_a) / p_a and (t_b − p_b) / p_b differ by at least 1 / (p_a × p_b) > 10^-48.
--    The integer part of growth × 10^60 (div truncates, exactly, in numeric) never decreases as growth grows, and
--    two growths at least 10^-48 apart are more than 10^12 apart once scaled, so their keys differ; equal growths
--    give equal keys, and the code decides. No rounded percentage is ever compared.
INSERT INTO bench_turnover (distributor_code, currency, tier, target_amount, turnover, turnover_last_year,
                            promo_printers, early_paid, growth_place, ranked_in_tier)
SELECT code, currency, tier, target_amount, turnover, last_year, promo_printers, early_paid,
       CASE WHEN ranks THEN row_number() OVER (PARTITION BY tier, ranks
                                               ORDER BY CASE WHEN ranks   -- P may be 0 in the other partition
                                                             THEN div((turnover - last_year) * 1e60::numeric,
                                                                      last_year) END DESC,
                                                        code COLLATE "C") END,
       CASE WHEN ranks THEN count(*) OVER (PARTITION BY tier, ranks) END
  FROM (SELECT *, turnover > 0 AND last_year > 0 AND (turnover - last_year) * 100 >= 10 * last_year
                  AND (SELECT top_performers FROM bench_rules) AS ranks
          FROM (SELECT d.code, d.currency, d.tier, t.target_amount,
                       coalesce(s.turnover, 0) AS turnover, coalesce(s.last_year, 0) AS last_year,
                       coalesce(s.promo_printers, 0) AS promo_printers, coalesce(e.early_paid, 0) AS early_paid
                  FROM distributor d
                  LEFT JOIN (
                        SELECT distributor_code,
                               sum(signed) FILTER (WHERE document_date BETWEEN DATE '2026-07-01' AND DATE '2026-09-30')
                                   AS turnover,
                               sum(signed) FILTER (WHERE document_date BETWEEN DATE '2025-07-01' AND DATE '2025-09-30')
                                   AS last_year,
                               sum(signed) FILTER (WHERE product_line = 'PRINTERS'
                                                     AND document_date BETWEEN DATE '2026-08-15' AND DATE '2026-09-30')
                                   AS promo_printers
                          FROM (SELECT distributor_code, document_date, product_line,
                                       CASE document_type WHEN 'INVOICE' THEN net_amount ELSE -net_amount END AS signed
                                  FROM sales_line
                                 WHERE document_date BETWEEN DATE '2026-07-01' AND DATE '2026-09-30'
                                    OR document_date BETWEEN DATE '2025-07-01' AND DATE '2025-09-30') lines
                         GROUP BY distributor_code) s ON s.distributor_code = d.code
                  LEFT JOIN (
                        SELECT p.distributor_code, sum(p.amount) AS early_paid
                          FROM payment p
                         WHERE (SELECT early_payment FROM bench_rules)
                           AND p.paid_date BETWEEN DATE '2026-07-01' AND DATE '2026-09-30'
                           AND EXISTS (SELECT 1 FROM sales_line i
                                        WHERE i.document_no = p.document_no AND i.distributor_code = p.distributor_code
                                          AND i.document_type = 'INVOICE' AND i.due_date >= p.paid_date + 10)
                         GROUP BY p.distributor_code) e ON e.distributor_code = d.code
                  LEFT JOIN target t ON t.distributor_code = d.code AND t.period = '2026-Q3') figures) ranked;

-- 2. Calculate: each component rounded HALF_UP to the currency's minor unit (ROUND on numeric rounds half away
--    from zero, which is HALF_UP for the positive amounts rounded here), rungs by exact cross-multiplication
--    (T × 100 ≥ from × target; (T − P) × 100 ≥ from × P), highest rung reached; then summed and capped. The two
--    components of SPEC §8: early_payment = round(E × 0.5 / 100), top_performer = round(T × places[k] / 100) for
--    place k ≤ 3; both 0 when T ≤ 0, both under the cap.
INSERT INTO bench_rebate (distributor_code, currency, turnover, target_amount, base, attainment, growth, promo,
                          early_payment, top_performer, uncapped, cap_amount, cap_applied, total)
SELECT distributor_code, currency, turnover, target_amount, base, attainment, growth, promo, early_payment,
       top_performer,
       base + attainment + growth + promo + early_payment + top_performer,
       cap_amount,
       base + attainment + growth + promo + early_payment + top_performer > cap_amount,
       least(base + attainment + growth + promo + early_payment + top_performer, cap_amount)
  FROM (SELECT t.distributor_code, t.currency, t.turnover, t.target_amount,
               CASE WHEN t.turnover > 0 THEN round(t.turnover * CASE t.tier WHEN 'BRONZE' THEN 0.5
                                                                             WHEN 'SILVER' THEN 1.0
                                                                             WHEN 'GOLD' THEN 1.5
                                                                             WHEN 'PLATINUM' THEN 2.0 END / 100,
                                                    m.digits)
                    ELSE 0 END AS base,
               CASE WHEN t.turnover > 0 AND t.target_amount > 0
                    THEN round(t.turnover * CASE WHEN t.turnover * 100 >= 100 * t.target_amount THEN 5.0
                                                 WHEN t.turnover * 100 >= 80 * t.target_amount THEN 2.0
                                                 ELSE 0 END / 100, m.digits)
                    ELSE 0 END AS attainment,
               CASE WHEN t.turnover > 0 AND t.turnover_last_year > 0
                    THEN round(t.turnover * CASE WHEN (t.turnover - t.turnover_last_year) * 100
                                                          >= 25 * t.turnover_last_year THEN 1.0
                                                 WHEN (t.turnover - t.turnover_last_year) * 100
                                                          >= 10 * t.turnover_last_year THEN 0.5
                                                 ELSE 0 END / 100, m.digits)
                    ELSE 0 END AS growth,
               CASE WHEN t.turnover > 0 AND t.promo_printers > 0
                    THEN round(t.promo_printers * 1.0 / 100, m.digits)
                    ELSE 0 END AS promo,
               CASE WHEN t.turnover > 0 AND t.early_paid > 0
                    THEN round(t.early_paid * 0.5 / 100, m.digits)
                    ELSE 0 END AS early_payment,
               CASE WHEN t.turnover > 0 AND t.growth_place <= 3
                    THEN round(t.turnover * CASE t.growth_place WHEN 1 THEN 1.0 WHEN 2 THEN 0.5 WHEN 3 THEN 0.25 END
                                          / 100, m.digits)
                    ELSE 0 END AS top_performer,
               CASE WHEN t.turnover > 0 THEN round(t.turnover * 5.0 / 100, m.digits) ELSE 0 END AS cap_amount
          FROM bench_turnover t
          JOIN (VALUES ('EUR', 2), ('USD', 2), ('RUB', 2), ('CNY', 2), ('KZT', 2), ('JPY', 0))
               AS m (currency, digits) ON m.currency = t.currency) r;

-- 3. Post: the ACCRUAL of every positive total, effective the day after the quarter — an entry and its two
--    lines (Dr rebate expense 6310 / Cr bonus fund 2390 of D). A key posted before is left alone.
WITH entry AS (
    INSERT INTO bench_ledger_entry (idempotency_key, entry_type, effective_date, distributor_code, period, currency,
                                    amount, description)
    SELECT 'ACCRUAL:' || distributor_code || ':2026-Q3', 'ACCRUAL', DATE '2026-10-01', distributor_code, '2026-Q3',
           currency, total, 'Bonus 2026-Q3'
      FROM bench_rebate
     WHERE total > 0
     ORDER BY distributor_code
        ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id, distributor_code, effective_date, currency, amount)
INSERT INTO bench_ledger_line (entry_id, line_no, account, distributor_code, effective_date, currency, debit, credit)
SELECT e.id, l.line_no, l.account, l.distributor_code, e.effective_date, e.currency, l.debit, l.credit
  FROM entry e
 CROSS JOIN LATERAL (VALUES (1::smallint, '6310', NULL::varchar, e.amount, 0::numeric),
                            (2::smallint, '2390', e.distributor_code, 0::numeric, e.amount))
       AS l (line_no, account, distributor_code, debit, credit);

-- 4a. Claims: in (claim_date, claim_id) order per distributor against a running balance.
--     requested = round(amount × share / 100); B = the fund's balance at the end of the claim date without this
--     quarter's spends; covered = min(requested, max(B − covered before, 0)). With R = the running sum of
--     requested and B never falling inside the quarter (its only movements there are credits), the running
--     covered total is C = R + min(0, running min of (max(B, 0) − R)), and covered = C − the previous C.
INSERT INTO bench_claim_settlement (claim_id, share, requested, balance_before, covered, distributor_pays, status)
WITH fund AS (
    SELECT l.distributor_code, l.effective_date, l.credit - l.debit AS amount
      FROM ledger_line l
      JOIN ledger_entry e ON e.id = l.entry_id
     WHERE l.account = '2390' AND l.effective_date <= DATE '2026-09-30'
       AND NOT (e.entry_type = 'SPEND' AND e.period = '2026-Q3')
    UNION ALL
    SELECT distributor_code, effective_date, credit - debit
      FROM bench_ledger_line
     WHERE account = '2390' AND effective_date <= DATE '2026-09-30'
), opening AS (
    SELECT distributor_code, sum(amount) AS amount FROM fund WHERE effective_date < DATE '2026-07-01' GROUP BY 1
), movement AS (
    SELECT distributor_code, effective_date, sum(amount) AS amount
      FROM fund WHERE effective_date >= DATE '2026-07-01' GROUP BY 1, 2
), claims AS (
    SELECT c.claim_id, c.distributor_code, c.claim_date, c.amount, m.digits,
           CASE WHEN c.direction IN ('CATALOGUES', 'TRADE_SHOWS') THEN 100 ELSE 50 END AS share
      FROM claim c
      JOIN (VALUES ('EUR', 2), ('USD', 2), ('RUB', 2), ('CNY', 2), ('KZT', 2), ('JPY', 0))
           AS m (currency, digits) ON m.currency = c.currency
     WHERE c.claim_date BETWEEN DATE '2026-07-01' AND DATE '2026-09-30'
), balance AS (
    SELECT c.claim_id, c.distributor_code, c.claim_date, c.amount, c.digits, c.share,
           round(c.amount * c.share / 100, c.digits) AS requested,
           coalesce(min(o.amount), 0) + coalesce(sum(mv.amount), 0) AS b
      FROM claims c
      LEFT JOIN opening o ON o.distributor_code = c.distributor_code
      LEFT JOIN movement mv ON mv.distributor_code = c.distributor_code AND mv.effective_date <= c.claim_date
     GROUP BY c.claim_id, c.distributor_code, c.claim_date, c.amount, c.digits, c.share
), running AS (
    SELECT *, sum(requested) OVER w AS r
      FROM balance
    WINDOW w AS (PARTITION BY distributor_code ORDER BY claim_date, claim_id COLLATE "C" ROWS UNBOUNDED PRECEDING)
), covered_through AS (
    SELECT *, r + least(0, min(trunc(greatest(b, 0), digits) - r) OVER w) AS c
      FROM running
    WINDOW w AS (PARTITION BY distributor_code ORDER BY claim_date, claim_id COLLATE "C" ROWS UNBOUNDED PRECEDING)
), settled AS (
    SELECT *, c - coalesce(lag(c) OVER w, 0) AS covered, b - coalesce(lag(c) OVER w, 0) AS balance_before
      FROM covered_through
    WINDOW w AS (PARTITION BY distributor_code ORDER BY claim_date, claim_id COLLATE "C")
)
SELECT claim_id, share, requested, balance_before, covered, amount - covered,
       CASE WHEN covered = requested THEN 'COVERED' WHEN covered = 0 THEN 'UNCOVERED' ELSE 'PARTIAL' END
  FROM settled;

-- 4b. The SPEND of every covered part, on the claim's date: Dr bonus fund 2390 of D / Cr marketing spend 6320.
WITH entry AS (
    INSERT INTO bench_ledger_entry (idempotency_key, entry_type, effective_date, distributor_code, period, currency,
                                    amount, description)
    SELECT 'SPEND:' || s.claim_id, 'SPEND', c.claim_date, c.distributor_code, '2026-Q3', c.currency, s.covered,
           'Claim ' || c.claim_id || ' ' || c.direction || ': ' || c.description
      FROM bench_claim_settlement s
      JOIN claim c ON c.claim_id = s.claim_id
     WHERE s.covered > 0
     ORDER BY c.claim_date, c.claim_id COLLATE "C"
        ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id, distributor_code, effective_date, currency, amount)
INSERT INTO bench_ledger_line (entry_id, line_no, account, distributor_code, effective_date, currency, debit, credit)
SELECT e.id, l.line_no, l.account, l.distributor_code, e.effective_date, e.currency, l.debit, l.credit
  FROM entry e
 CROSS JOIN LATERAL (VALUES (1::smallint, '2390', e.distributor_code, e.amount, 0::numeric),
                            (2::smallint, '6320', NULL::varchar, 0::numeric, e.amount))
       AS l (line_no, account, distributor_code, debit, credit);

-- 5. Every entry balances (what the product's deferred trigger checks per line): must return 0.
SELECT count(*) AS unbalanced_entries
  FROM (SELECT entry_id FROM bench_ledger_line GROUP BY entry_id HAVING sum(debit) <> sum(credit)) x;
