/**
 * One private Handlebars environment for e-mail. HTML templates are compiled with the default escaping
 * (`& < > " ' \` =`), text templates with `noEscape` (plain text must not contain entities). Both use `strict`
 * so a missing field fails loudly in tests instead of rendering as an empty string.
 */
import Handlebars from 'handlebars';
import * as partials from './templates/partials';

const hbs = Handlebars.create();

hbs.registerPartial({
  htmlOpen: partials.HTML_OPEN,
  htmlClose: partials.HTML_CLOSE,
  recommendationHtml: partials.RECOMMENDATION_HTML,
  recommendationText: partials.RECOMMENDATION_TEXT,
  activitiesHtml: partials.ACTIVITIES_HTML,
  activitiesText: partials.ACTIVITIES_TEXT,
  ratingHtml: partials.RATING_HTML,
  ratingText: partials.RATING_TEXT,
  footerHtml: partials.FOOTER_HTML,
  footerText: partials.FOOTER_TEXT,
});

export type Template<T> = (context: T) => string;

/** Compile an HTML template (auto-escaped). */
export function compileHtml<T>(source: string): Template<T> {
  return hbs.compile<T>(source, { strict: true });
}

/** Compile a plain-text template (no escaping: feed it sanitized text only). */
export function compileText<T>(source: string): Template<T> {
  return hbs.compile<T>(source, { strict: true, noEscape: true });
}
