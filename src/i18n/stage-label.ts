import type { StageDef } from '../contract/index.js';
import { closestTag, type Locale } from './locale.js';

/**
 * A stage's label from the payload in the current locale (or the closest one the payload has:
 * `zh-TW` reads `zh-Hant` or `zh-HK`, then another Chinese label), then English, then its key.
 */
export function stageLabel(stage: Pick<StageDef, 'key' | 'label'>, locale: Locale): string {
  const label = stage.label;
  if (!label) return stage.key;
  const closest = closestTag(locale, Object.keys(label));
  return (closest ? label[closest] : undefined) ?? label['en'] ?? stage.key;
}
