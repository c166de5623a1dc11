import type { PageTheme } from '../core/views.js';

/** MPASSid's look. */
export const mpassidTheme: PageTheme = { brand: 'MPASSid (mock)', accent: '#1f4e96' };
