-- Issue 14 part 5: privacy follows the athlete.

-- Strava's `visibility` ('everyone', 'followers_only', 'only_me'), next to its `private` flag (true for
-- 'only_me'). Re-read on every create/update event, so a change on Strava takes effect on the next event.
-- Kept after the 7-day purge like `private`: it decides what others may be shown, not what is computed.
alter table activity add column visibility text check (visibility ~ '^[a-z_]{1,32}$');

-- The athlete's per-coach opt-in to show activities they keep private on Strava ("Only you") to this
-- coach: listed, and counted in the figures the coach sees. Off by default, reset by a re-accept.
alter table coach_athlete add column share_private boolean not null default false;
