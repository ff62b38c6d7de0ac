/**
 * Handlebars partials shared by the e-mail templates. HTML partials rely on `{{value}}` auto-escaping; there is
 * no triple-stash (`{{{`) anywhere, and a test keeps it that way. Text partials are compiled with `noEscape`, so
 * every value they receive has been through `sanitizeInlineText`.
 */

export const HTML_OPEN = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{subject}}</title>
</head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#222;">
<div style="max-width:640px;margin:0 auto;">
`;

export const HTML_CLOSE = `</div>
</body>
</html>
`;

/** Context: a RecommendationView. */
export const RECOMMENDATION_HTML = `<h2 style="font-size:18px;margin:16px 0 8px;">{{headline}}</h2>
{{#if suggestion}}
<table role="presentation" cellpadding="4" style="border-collapse:collapse;">
<tr><td><strong>What</strong></td><td>{{suggestion.typeLabel}} ({{suggestion.pressure}} pressure)</td></tr>
<tr><td><strong>Where</strong></td><td>{{suggestion.areas}}</td></tr>
<tr><td><strong>When</strong></td><td>{{suggestion.when}}</td></tr>
<tr><td><strong>How long</strong></td><td>{{suggestion.duration}}</td></tr>
</table>
{{/if}}
{{#if reasons.length}}
<h3 style="font-size:16px;margin:16px 0 4px;">Why</h3>
<ul>
{{#each reasons}}<li>{{this}}</li>
{{/each}}
</ul>
{{/if}}
<ul>
{{#each advice}}<li>{{this}}</li>
{{/each}}
</ul>
<p>{{therapistNote}}</p>
<h3 style="font-size:16px;margin:16px 0 4px;">Before you book</h3>
<ul>
{{#each cautions}}<li>{{this}}</li>
{{/each}}
</ul>
{{#if formNote}}<p style="font-size:14px;">{{formNote}}</p>
{{/if}}
<p style="color:#555;font-size:13px;">{{estimateNote}}</p>
`;

export const RECOMMENDATION_TEXT = `{{headline}}
{{#if suggestion}}

What: {{suggestion.typeLabel}} ({{suggestion.pressure}} pressure)
Where: {{suggestion.areas}}
When: {{suggestion.when}}
How long: {{suggestion.duration}}
{{/if}}
{{#if reasons.length}}

Why:
{{#each reasons}}
- {{this}}
{{/each}}
{{/if}}

{{#each advice}}
- {{this}}
{{/each}}

{{therapistNote}}

Before you book:
{{#each cautions}}
- {{this}}
{{/each}}
{{#if formNote}}

{{formNote}}
{{/if}}

{{estimateNote}}
`;

/** Context: { activities: { title, day }[] }. */
export const ACTIVITIES_HTML = `{{#if activities.length}}
<p style="font-size:14px;">Based on:</p>
<ul style="font-size:14px;">
{{#each activities}}<li>{{title}} ({{day}})</li>
{{/each}}
</ul>
{{/if}}
`;

export const ACTIVITIES_TEXT = `{{#if activities.length}}

Based on:
{{#each activities}}
- {{title}} ({{day}})
{{/each}}
{{/if}}
`;

/** Context: RatingView ({ activityTitle, links: { score, url }[] }). */
export const RATING_HTML = `<p><strong>How hard was it?</strong> Rate &ldquo;{{activityTitle}}&rdquo; from 1 (very easy) to 10 (maximal):</p>
<p>
{{#each links}}<a href="{{url}}" style="display:inline-block;min-width:24px;padding:4px 6px;margin:2px;border:1px solid #888;border-radius:4px;text-align:center;text-decoration:none;color:#222;">{{score}}</a>
{{/each}}
</p>
`;

export const RATING_TEXT = `How hard was it? Rate "{{activityTitle}}" from 1 (very easy) to 10 (maximal):
{{#each links}}
{{score}}: {{url}}
{{/each}}
`;

/** Context: { unsubscribeUrl, showStravaAttribution }. */
export const FOOTER_HTML = `<hr style="border:none;border-top:1px solid #ddd;margin:24px 0 8px;">
<p style="color:#555;font-size:12px;">
{{#if showStravaAttribution}}Data from Strava.<br>{{/if}}
You get this e-mail because you turned on recovery suggestions in Kneadwise.
<a href="{{unsubscribeUrl}}">Unsubscribe</a>
</p>
`;

export const FOOTER_TEXT = `--
{{#if showStravaAttribution}}
Data from Strava.
{{/if}}
You get this e-mail because you turned on recovery suggestions in Kneadwise.
Unsubscribe: {{unsubscribeUrl}}
`;
