-- Deleting an athlete (disconnect, confirmed deauthorization) must finish well within Strava's deadline
-- whatever the table sizes: index every path the deletion walks that 0001 left unindexed.

-- webhook_inbox rows are keyed by Strava's owner id (no foreign key to athlete).
create index webhook_inbox_owner on webhook_inbox (owner_id);

-- Foreign keys with on delete cascade scan the referencing table without an index.
create index email_outbox_athlete on email_outbox (athlete_id) where athlete_id is not null;
create index email_outbox_user on email_outbox (user_id) where user_id is not null;
create index activity_tombstone_athlete on activity_tombstone (athlete_id);

-- Every signed-in browser of a deleted user is signed out (connect-pg-simple stores the session as json).
create index session_user_id on session ((sess ->> 'userId'));
