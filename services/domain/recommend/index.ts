/** Public API of the recommendation domain: alert rules, their evaluation, and the massage recommendation. */
export * from './types';
export * from './recommendation';
export {
  ALERT_RULES,
  RULE_IDS,
  HARD_SESSION_WINDOW_H,
  alertSettingsSchema,
  parseAlertSettings,
  ruleById,
  thresholdFor,
  isRace,
  type AlertRule,
  type AlertSettings,
  type Comparator,
} from './rules';
export { evaluateRules, alertKeyString } from './evaluate-rules';
export { composeRecommendation } from './compose-recommendation';
export { forbiddenPhrases, findForbiddenPhrases } from './wording';
