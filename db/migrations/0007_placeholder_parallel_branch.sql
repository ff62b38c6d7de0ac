-- PLACEHOLDER (issue 15 branch only): keeps the numbering contiguous until the parallel branch that owns
-- migration 0007 is merged. The lead deletes this file when merging; it changes nothing.
select 1;
