import { api, handleForm } from './lib.js';

const NUMBER_FIELDS = ['hrMaxBpm', 'hrRestBpm', 'lthrBpm', 'ftpW', 'birthYear'];
const ALL_FIELDS = [...NUMBER_FIELDS, 'thresholdPaceSPerKm', 'sex'];

/** "4:30" -> 270 seconds per km; empty -> undefined (keep). */
function paceSeconds(text) {
  const m = /^(\d{1,2}):([0-5]\d)$/.exec(text.trim());
  if (!text.trim()) return undefined;
  if (!m) throw new Error('Threshold pace must look like 4:30 (minutes:seconds per km).');
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Wires the physiology form of the athlete page (the athlete, or a coach with consent). */
export function wirePhysiologyForm(athleteId, onSaved) {
  const form = document.getElementById('physiology-form');
  if (!form) return;
  handleForm(form, async (fields) => {
    const body = {};
    if (fields.reset) for (const k of ALL_FIELDS) body[k] = null;
    for (const k of NUMBER_FIELDS) if (fields[k] !== '') body[k] = Number(fields[k]);
    const pace = paceSeconds(fields.pace ?? '');
    if (pace !== undefined) body.thresholdPaceSPerKm = pace;
    if (fields.sex) body.sex = fields.sex;
    const res = await api('PUT', `/api/athletes/${encodeURIComponent(athleteId)}/physiology`, body);
    form.querySelector('.status').textContent = res.message;
    // The form has a field named "reset", which shadows form.reset(): call the prototype's method.
    Object.getPrototypeOf(form).reset.call(form);
    await onSaved?.();
  });
}
