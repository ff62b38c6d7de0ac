import type { EmulatorContext } from './context';
import type { ActivityRecord } from './types';

const canSeeActivities = (scopes: string[]) =>
  scopes.includes('activity:read') || scopes.includes('activity:read_all');

function send(
  ctx: EmulatorContext,
  objectType: 'activity' | 'athlete',
  aspect: 'create' | 'update' | 'delete',
  objectId: bigint | number,
  ownerId: number,
  updates: Record<string, string> = {},
): void {
  const sub = ctx.subscription;
  if (!sub) return;
  const event = {
    aspect_type: aspect,
    event_time: ctx.clock.nowS(),
    object_id: objectId,
    object_type: objectType,
    owner_id: ownerId,
    subscription_id: sub.id,
    updates,
  };
  ctx.deliveries.enqueue(event, sub.callbackUrl);
}

/**
 * Emits what Strava would for a new activity: nothing without an activity scope, and nothing for an
 * "Only You" activity unless the athlete granted activity:read_all.
 */
export function emitActivityCreated(ctx: EmulatorContext, r: ActivityRecord): void {
  const scopes = ctx.tokens.grants.get(r.plan.athleteId);
  if (!scopes || !canSeeActivities(scopes)) return;
  if (r.private && !scopes.includes('activity:read_all')) return;
  send(ctx, 'activity', 'create', r.plan.id, r.plan.athleteId);
}

export function emitActivityDeleted(ctx: EmulatorContext, r: ActivityRecord, wasPrivate: boolean): void {
  const scopes = ctx.tokens.grants.get(r.plan.athleteId);
  if (!scopes || !canSeeActivities(scopes)) return;
  if (wasPrivate && !scopes.includes('activity:read_all')) return;
  send(ctx, 'activity', 'delete', r.plan.id, r.plan.athleteId);
}

export interface ActivityChange {
  title?: string;
  type?: string;
  private?: boolean;
}

/**
 * Emits the update for title/type/privacy changes. With activity:read_all a privacy flip is an update with
 * `private: "true"|"false"`; with only activity:read, going private looks like a delete and going public
 * like a create (strava-platform.md §1.3). Other edits (description…) are silent, as on Strava.
 */
export function emitActivityUpdated(
  ctx: EmulatorContext,
  r: ActivityRecord,
  change: ActivityChange,
  wasPrivate: boolean,
): void {
  const scopes = ctx.tokens.grants.get(r.plan.athleteId);
  if (!scopes || !canSeeActivities(scopes)) return;
  const readAll = scopes.includes('activity:read_all');
  const updates: Record<string, string> = {};
  if (change.title !== undefined) updates.title = change.title;
  if (change.type !== undefined) updates.type = change.type;
  const flipped = change.private !== undefined && change.private !== wasPrivate;
  if (!readAll && flipped) {
    send(ctx, 'activity', change.private ? 'delete' : 'create', r.plan.id, r.plan.athleteId);
    return;
  }
  if (readAll && flipped) updates.private = String(change.private);
  if (!readAll && r.private) return;
  if (Object.keys(updates).length > 0) send(ctx, 'activity', 'update', r.plan.id, r.plan.athleteId, updates);
}

/** Deauthorization: `object_type: "athlete"`, `updates: {"authorized": "false"}` (string, as Strava sends). */
export function emitDeauthorized(ctx: EmulatorContext, athleteId: number): void {
  send(ctx, 'athlete', 'update', athleteId, athleteId, { authorized: 'false' });
}
