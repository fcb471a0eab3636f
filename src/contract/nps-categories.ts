/** The three groups of NPS answers, as filters and cross-filter picks name them (a module of its own: elements need it without zod). */
export const NPS_CATEGORIES = ['promoter', 'passive', 'detractor'] as const;
