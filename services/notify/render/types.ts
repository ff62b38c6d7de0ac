/** Inputs and output of the pure e-mail renderers. URLs are built and signed by the caller. */
import type { Recommendation } from '../../domain/recommend/recommendation';

export interface RenderedEmail {
  /** Header-safe: one line, no control characters, at most 120 code points. */
  subject: string;
  text: string;
  html: string;
}

/** An activity shown in the e-mail (Strava data: triggers the "Data from Strava" line). */
export interface ActivityRef {
  /** Athlete-controlled title; escaped in HTML, control characters removed in text. */
  title: string;
  /** Athlete-local day, `YYYY-MM-DD`. */
  localDate: string;
}

/** "How hard was it?" links for one activity; `urls[i]` records score i + 1 (exactly 10 URLs). */
export interface RatingPrompt {
  activityTitle: string;
  urls: readonly string[];
}

export interface AlertEmailInput {
  recipientName: string;
  recommendation: Recommendation;
  activities: readonly ActivityRef[];
  rating: RatingPrompt | null;
  /** RFC 8058 one-click unsubscribe page (the caller also sets the List-Unsubscribe headers). */
  unsubscribeUrl: string;
}

export interface DigestItem {
  recommendation: Recommendation;
  activities: readonly ActivityRef[];
  rating: RatingPrompt | null;
}

export interface DigestEmailInput {
  recipientName: string;
  /** The digest's athlete-local day, `YYYY-MM-DD`. */
  localDate: string;
  items: readonly DigestItem[];
  unsubscribeUrl: string;
}

export interface CoachAlertEmailInput {
  coachName: string;
  athleteName: string;
  /** What was suggested to the athlete (second person, quoted as such). */
  recommendation: Recommendation;
  activities: readonly ActivityRef[];
  /** The athlete's page on the coach dashboard. */
  athleteUrl: string;
  unsubscribeUrl: string;
}

export interface ConfirmationEmailInput {
  recipientName: string | null;
  /** Double opt-in link. */
  confirmUrl: string;
  expiresInH: number;
}

export interface PasswordResetEmailInput {
  recipientName: string | null;
  resetUrl: string;
  expiresInMin: number;
}

export interface AccountExistsEmailInput {
  recipientName: string | null;
  loginUrl: string;
  resetUrl: string;
}
