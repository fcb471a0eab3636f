import type { StageDef } from '../contract/index.js';
import type { Locale } from './locale.js';

/** A stage's label from the payload in the current locale, then English, then its key. */
export function stageLabel(stage: Pick<StageDef, 'key' | 'label'>, locale: Locale): string {
  const label = stage.label;
  return label?.[locale] ?? (locale === 'zh-CN' ? label?.['zh'] : undefined) ?? label?.['en'] ?? stage.key;
}
