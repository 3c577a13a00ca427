-- Alerts stored before a "category" reason carried its group's code name the group by its English description only,
-- and the web UI kept a copy of those descriptions to word them in Spanish. Give them the code (MccGroup's name in
-- lower case), so that no English text is a key anywhere and rewording one cannot break another language.
WITH groups (description, code) AS (
    VALUES ('groceries, pharmacies, restaurants, fuel, transport', 'everyday'),
           ('department stores, clothing, cosmetics, home', 'retail'),
           ('electronics and jewellery, resold easily', 'high_value'),
           ('travel agencies, airlines, hotels', 'travel'),
           ('ATM cash withdrawals', 'cash'),
           ('transfers and wallet payments to other people', 'money_transfer'),
           ('betting and casinos', 'gambling'),
           ('telecom, utilities, digital goods', 'digital_and_bills'),
           ('any other code', 'other'))
UPDATE alerts a
SET reasons = (
    SELECT jsonb_agg(
               CASE
                   WHEN r ->> 'code' = 'category' AND NOT (r -> 'params' ? 'category_code') AND g.code IS NOT NULL
                       THEN jsonb_set(r, '{params,category_code}', to_jsonb(g.code))
                   ELSE r
               END
               ORDER BY e.ord)
    FROM jsonb_array_elements(a.reasons) WITH ORDINALITY AS e (r, ord)
    LEFT JOIN groups g ON g.description = e.r -> 'params' ->> 'category')
WHERE a.reasons @> '[{"code": "category"}]';
