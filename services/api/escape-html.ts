const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * HTML-escapes text for element content and quoted attributes: the one escape of every server-built page
 * (error pages, the Strava connect problem page, /api/docs). Email HTML is escaped by Handlebars instead.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}
