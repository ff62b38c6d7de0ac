/** Athlete alert/recommendation e-mail and the daily digest. Context shapes: see render-alert-email.ts. */

export const ALERT_HTML = `{{> htmlOpen}}
<p>Hi {{name}},</p>
{{> recommendationHtml recommendation}}
{{> activitiesHtml}}
{{#if rating}}{{> ratingHtml rating}}{{/if}}
{{> footerHtml}}
{{> htmlClose}}`;

export const ALERT_TEXT = `Hi {{name}},

{{> recommendationText recommendation}}
{{> activitiesText}}
{{#if rating}}

{{> ratingText rating}}
{{/if}}

{{> footerText}}`;

export const DIGEST_HTML = `{{> htmlOpen}}
<p>Hi {{name}},</p>
<p>Your recovery suggestions for {{day}}:</p>
{{#each items}}
<div style="border-top:1px solid #ddd;margin-top:16px;">
{{> recommendationHtml recommendation}}
{{> activitiesHtml}}
{{#if rating}}{{> ratingHtml rating}}{{/if}}
</div>
{{/each}}
{{> footerHtml}}
{{> htmlClose}}`;

export const DIGEST_TEXT = `Hi {{name}},

Your recovery suggestions for {{day}}:
{{#each items}}

== {{number}} of {{../items.length}} ==
{{> recommendationText recommendation}}
{{> activitiesText}}
{{#if rating}}

{{> ratingText rating}}
{{/if}}
{{/each}}

{{> footerText}}`;

export const COACH_ALERT_HTML = `{{> htmlOpen}}
<p>Hi {{name}},</p>
<p>Kneadwise sent {{athleteName}} a recovery suggestion. Here is what they received:</p>
<blockquote style="margin:8px 0;padding:0 12px;border-left:3px solid #ccc;">
{{> recommendationHtml recommendation}}
</blockquote>
{{> activitiesHtml}}
<p><a href="{{athleteUrl}}">Open {{athleteName}} on your dashboard</a></p>
{{> footerHtml}}
{{> htmlClose}}`;

export const COACH_ALERT_TEXT = `Hi {{name}},

Kneadwise sent {{athleteName}} a recovery suggestion. Here is what they received:

{{> recommendationText recommendation}}
{{> activitiesText}}

Open {{athleteName}} on your dashboard: {{athleteUrl}}

{{> footerText}}`;
