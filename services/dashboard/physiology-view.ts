import type { ResolvedPhysiology, ResolvedValue } from '../domain/load';

export interface PhysiologyItem {
  key: string;
  label: string;
  value: string | null;
  /** entered | estimated | default, and the plain words for it. */
  source: string | null;
  sourceLabel: string | null;
  basis: string | null;
}

function paceText(sPerKm: number): string {
  const s = Math.round(sPerKm);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')} /km`;
}

function item<T>(
  key: string,
  label: string,
  v: ResolvedValue<T> | null,
  show: (t: T) => string,
): PhysiologyItem {
  if (!v) return { key, label, value: null, source: null, sourceLabel: 'not known', basis: null };
  return { key, label, value: show(v.value), source: v.source, sourceLabel: v.label, basis: v.basis };
}

/** The physiology settings with their sources, for display (values as the engine resolved them). */
export function physiologyView(r: ResolvedPhysiology): PhysiologyItem[] {
  return [
    item('hrMaxBpm', 'Maximum heart rate', r.hrMaxBpm, (v) => `${Math.round(v)} bpm`),
    item('hrRestBpm', 'Resting heart rate', r.hrRestBpm, (v) => `${Math.round(v)} bpm`),
    item('lthrBpm', 'Threshold heart rate', r.lthrBpm, (v) => `${Math.round(v)} bpm`),
    item('ftpW', 'FTP (cycling threshold power)', r.ftpW, (v) => `${Math.round(v)} W`),
    item('thresholdPaceSPerKm', 'Threshold running pace', r.thresholdPaceSPerKm, paceText),
    item('hrZones', 'Heart-rate zones', r.hrZones, (z) => `${z.length} zones`),
  ];
}
