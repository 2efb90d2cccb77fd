-- A misfire count table from a warehouse: one row per (leaf cluster, classifier), for `misfire merge`.
-- Tables: assignments(conversation_id, cluster_id)   -- `misfire assign --assignments`, or a run's assignments.csv
--         conversations(conversation_id, user_id)
--         verdicts(conversation_id, classifier, flagged)  -- flagged 0/1, one row per (conversation, classifier)
--         labels(conversation_id, label)             -- label 0/1 (leave out tn..tp and the join for proxy mode)
-- Save the result as CSV with a header and run: misfire merge --model FIT_RUN counts.csv --out reports/warehouse
WITH per_cluster AS (
  SELECT a.cluster_id, COUNT(*) AS conversations, COUNT(DISTINCT c.user_id) AS users
  FROM assignments a
  JOIN conversations c ON c.conversation_id = a.conversation_id
  GROUP BY a.cluster_id
)
SELECT a.cluster_id,
       v.classifier,
       p.conversations,
       p.users,
       COUNT(*)                                                  AS verdicts,
       SUM(v.flagged)                                            AS flagged,
       SUM(CASE WHEN l.label = 0 AND v.flagged = 0 THEN 1 ELSE 0 END) AS tn,
       SUM(CASE WHEN l.label = 0 AND v.flagged = 1 THEN 1 ELSE 0 END) AS fp,
       SUM(CASE WHEN l.label = 1 AND v.flagged = 0 THEN 1 ELSE 0 END) AS fn,
       SUM(CASE WHEN l.label = 1 AND v.flagged = 1 THEN 1 ELSE 0 END) AS tp
FROM assignments a
JOIN verdicts v ON v.conversation_id = a.conversation_id AND v.flagged IS NOT NULL
LEFT JOIN labels l ON l.conversation_id = a.conversation_id
JOIN per_cluster p ON p.cluster_id = a.cluster_id
GROUP BY a.cluster_id, v.classifier, p.conversations, p.users
ORDER BY a.cluster_id, v.classifier;
